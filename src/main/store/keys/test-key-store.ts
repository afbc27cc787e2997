/**
 * Key stores for tests and demo mode: secrets in memory, or hex in a 0600 file
 * beside the database. They protect nothing, so `forTestsOnly` is set and
 * production refuses them (assertKeyStoreAllowed).
 */
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { keyUnavailable, type KeyStore, type SecretName } from './key-store';

export class MemoryKeyStore implements KeyStore {
  readonly backend = 'memory (tests only)';
  readonly forTestsOnly = true;
  private readonly secrets = new Map<SecretName, Buffer>();
  /** Makes every call fail, to exercise the KEY_UNAVAILABLE state. */
  unavailable = false;

  async get(name: SecretName): Promise<Buffer | null> {
    if (this.unavailable) throw keyUnavailable(this.backend, 'the test store is switched off');
    return this.secrets.get(name) ?? null;
  }

  async set(name: SecretName, secret: Buffer): Promise<void> {
    if (this.unavailable) throw keyUnavailable(this.backend, 'the test store is switched off');
    this.secrets.set(name, Buffer.from(secret));
  }
}

const FileSchema = z.object({ backend: z.literal('file'), secrets: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)) });

export class FileKeyStore implements KeyStore {
  readonly backend = 'file (tests and demo only)';
  readonly forTestsOnly = true;
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'test-keys.json');
  }

  private read(): Record<string, string> {
    if (!existsSync(this.file)) return {};
    try {
      return FileSchema.parse(JSON.parse(readFileSync(this.file, 'utf8'))).secrets;
    } catch (e) {
      throw keyUnavailable(this.backend, 'the key file is damaged', e);
    }
  }

  async get(name: SecretName): Promise<Buffer | null> {
    const hex = this.read()[name];
    return hex ? Buffer.from(hex, 'hex') : null;
  }

  async set(name: SecretName, secret: Buffer): Promise<void> {
    const secrets = { ...this.read(), [name]: secret.toString('hex') };
    const tmp = `${this.file}.tmp`;
    try {
      writeFileSync(tmp, JSON.stringify({ backend: 'file', secrets }), { mode: 0o600 });
      chmodSync(tmp, 0o600);
      renameSync(tmp, this.file);
    } catch (e) {
      throw keyUnavailable(this.backend, 'the key file cannot be written', e);
    }
  }
}
