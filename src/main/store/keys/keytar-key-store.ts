/**
 * The OS keychain through keytar (libsecret's Secret Service on Linux, Keychain
 * on macOS, Credential Vault on Windows). keytar is loaded lazily so a kiosk
 * without it still starts and reports KEY_UNAVAILABLE instead of crashing.
 */
import { createRequire } from 'node:module';
import { keyUnavailable, type KeyStore, type SecretName } from './key-store';

interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
}

const require = createRequire(import.meta.url);

export class KeytarKeyStore implements KeyStore {
  readonly backend = 'keytar (OS keychain)';
  readonly forTestsOnly = false;
  private api: KeytarApi | undefined;

  /** `service` separates installs (and tests) sharing one keychain. */
  constructor(private readonly service = 'vdex-verify') {}

  private load(): KeytarApi {
    if (!this.api) {
      try {
        this.api = require('keytar') as KeytarApi;
      } catch (e) {
        throw keyUnavailable(this.backend, 'the keychain library is not installed', e);
      }
    }
    return this.api;
  }

  async get(name: SecretName): Promise<Buffer | null> {
    let hex: string | null;
    try {
      hex = await this.load().getPassword(this.service, name);
    } catch (e) {
      throw keyUnavailable(this.backend, 'the OS keychain did not answer (is the keyring unlocked?)', e);
    }
    if (hex === null) return null;
    if (!/^[0-9a-f]{64}$/.test(hex)) throw keyUnavailable(this.backend, `the ${name} key in the keychain is damaged`);
    return Buffer.from(hex, 'hex');
  }

  async set(name: SecretName, secret: Buffer): Promise<void> {
    try {
      await this.load().setPassword(this.service, name, secret.toString('hex'));
    } catch (e) {
      throw keyUnavailable(this.backend, 'the OS keychain refused to save the key', e);
    }
  }
}
