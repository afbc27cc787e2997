/** argon2id hashing (hash-wasm: WebAssembly inside the npm tarball, no native build or download). */
import { randomBytes } from 'node:crypto';
import { argon2id, argon2Verify } from 'hash-wasm';

export interface Argon2Params {
  memorySize: number;
  iterations: number;
  parallelism: number;
}

/** OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. */
export const DEFAULT_ARGON2: Argon2Params = { memorySize: 19_456, iterations: 2, parallelism: 1 };

export async function hashSecret(secret: string, params: Argon2Params = DEFAULT_ARGON2): Promise<string> {
  return argon2id({ password: secret, salt: randomBytes(16), hashLength: 32, outputType: 'encoded', ...params });
}

export async function verifySecret(secret: string, encoded: string): Promise<boolean> {
  try {
    return await argon2Verify({ password: secret, hash: encoded });
  } catch {
    return false;
  }
}
