/**
 * Keys wrapped by an OS-protected secret (Electron's safeStorage) and kept in
 * `keys.json` beside the database, with the wrapping backend's name. The
 * wrapper is a port: src/main/electron supplies the safeStorage adapter, so
 * this folder never imports electron.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { keyUnavailable, type KeyStore, type SecretName } from './key-store';

export interface SecretWrapper {
  /** e.g. "gnome_libsecret", "kwallet5", "dpapi", "keychain"; "basic_text" means unprotected. */
  backendName(): string;
  isAvailable(): boolean;
  wrap(plain: Buffer): Buffer;
  unwrap(wrapped: Buffer): Buffer;
}

/** safeStorage's hard-coded-password fallback on Linux: refused unless explicitly allowed. */
const UNPROTECTED_BACKENDS = new Set(['basic_text', 'unknown']);

const FileSchema = z.object({ backend: z.string(), secrets: z.record(z.string(), z.string()) });

export class WrappedFileKeyStore implements KeyStore {
  readonly forTestsOnly: boolean;
  readonly file: string;

  constructor(dataDir: string, private readonly wrapper: SecretWrapper, options: { allowUnprotected?: boolean } = {}) {
    this.file = path.join(dataDir, 'keys.json');
    this.forTestsOnly = options.allowUnprotected ?? false;
  }

  get backend(): string {
    return `safeStorage (${this.wrapper.backendName()})`;
  }

  private check(): void {
    if (!this.wrapper.isAvailable()) throw keyUnavailable(this.backend, 'OS encryption is not available yet');
    if (UNPROTECTED_BACKENDS.has(this.wrapper.backendName()) && !this.forTestsOnly) {
      throw keyUnavailable(this.backend, 'the OS has no keyring, so the key would be unprotected');
    }
  }

  private read(): z.infer<typeof FileSchema> | null {
    if (!existsSync(this.file)) return null;
    try {
      return FileSchema.parse(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch (e) {
      throw keyUnavailable(this.backend, 'keys.json is damaged', e);
    }
  }

  async get(name: SecretName): Promise<Buffer | null> {
    this.check();
    const data = this.read();
    const wrapped = data?.secrets[name];
    if (!data || !wrapped) return null;
    if (data.backend !== this.wrapper.backendName()) {
      throw keyUnavailable(this.backend, `the key was wrapped by "${data.backend}", which this session does not use`);
    }
    try {
      return this.wrapper.unwrap(Buffer.from(wrapped, 'base64'));
    } catch (e) {
      throw keyUnavailable(this.backend, 'the OS could not unwrap the key', e);
    }
  }

  async set(name: SecretName, secret: Buffer): Promise<void> {
    this.check();
    const data = this.read() ?? { backend: this.wrapper.backendName(), secrets: {} };
    data.secrets[name] = this.wrapper.wrap(secret).toString('base64');
    const tmp = `${this.file}.tmp`;
    try {
      writeFileSync(tmp, JSON.stringify(data), { mode: 0o600 });
      renameSync(tmp, this.file);
    } catch (e) {
      throw keyUnavailable(this.backend, 'keys.json cannot be written', e);
    }
  }
}
