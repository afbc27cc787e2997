/**
 * The key-store port. The store needs two 32-byte secrets: `database` (the
 * SQLCipher key) and `vault` (the Aadhaar vault's second key, from which the
 * AES-256-GCM key and the HMAC key are derived). Backends: keytar (OS
 * keychain), a wrapped-key file whose wrapping is supplied by Electron's
 * safeStorage, and a test backend that production refuses.
 */
import { randomBytes } from 'node:crypto';
import { KioskError } from '../../../shared/errors';
import type { AppMode } from '../../../shared/ipc/app';
import { StoreErrorCode } from '../errors';

export type SecretName = 'database' | 'vault';

export interface KeyStore {
  /** Backend name, shown by health checks and `vdex db status`. */
  readonly backend: string;
  /** True for backends that keep keys unprotected (tests, demo): production refuses them. */
  readonly forTestsOnly: boolean;
  /** The secret, or null when the store holds none. Throws KEY_UNAVAILABLE when the store cannot be reached. */
  get(name: SecretName): Promise<Buffer | null>;
  /** Saves a secret; throws KEY_UNAVAILABLE when the store cannot be written. */
  set(name: SecretName, secret: Buffer): Promise<void>;
}

export const SECRET_BYTES = 32;

export function keyUnavailable(backend: string, why: string, cause?: unknown): KioskError {
  return new KioskError(StoreErrorCode.KEY_UNAVAILABLE,
    `The kiosk cannot reach its key store (${backend}): ${why}. The saved records are safe but cannot be opened until the key store is back; call support.`,
    { backend }, { cause });
}

/**
 * The secret, created on first run only. When `mustExist` (the database file is
 * already there) a missing secret is KEY_UNAVAILABLE: making a new key would
 * orphan every record already saved.
 */
export async function getOrCreateSecret(store: KeyStore, name: SecretName, mustExist: boolean): Promise<Buffer> {
  const existing = await store.get(name);
  if (existing) {
    if (existing.length !== SECRET_BYTES) throw keyUnavailable(store.backend, `the ${name} key has the wrong length`);
    return existing;
  }
  if (mustExist) throw keyUnavailable(store.backend, `the ${name} key is missing although the database exists`);
  const secret = randomBytes(SECRET_BYTES);
  await store.set(name, secret);
  const check = await store.get(name);
  if (!check?.equals(secret)) throw keyUnavailable(store.backend, `the ${name} key did not read back after saving`);
  return secret;
}

/** Production runs only on a real key store. */
export function assertKeyStoreAllowed(store: KeyStore, mode: AppMode): void {
  if (mode === 'production' && store.forTestsOnly) {
    throw new KioskError(StoreErrorCode.TEST_KEYSTORE_IN_PRODUCTION,
      `The "${store.backend}" key store is for tests and demos only; production needs the OS keychain.`, { backend: store.backend });
  }
}
