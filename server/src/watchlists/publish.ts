/**
 * Publishing a lists folder at start-up (`vdex server start --lists DIR`):
 * the bundle signing key, the bundle built from the folder, and an in-memory
 * publisher the routes serve. In demo mode the folder defaults to the shipped
 * demo lists (resources/watchlists/demo) and the key is generated on first run
 * into the server's data dir; production needs a configured key file
 * (VDEX_SERVER_WATCHLIST_KEY_FILE, an Ed25519 PKCS#8 PEM) and never generates one.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PUBLISHED_NAMES } from '../../../src/shared/aml/lists/published';
import { buildBundleFromDir, type SignedBundle, type SigningKey } from './build';
import { InMemoryWatchlistPublisher } from './routes';

/** The demo lists shipped in the repository (public UN and MHA UAPA files). */
export const DEMO_LISTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../resources/watchlists/demo');

/** Where a generated (non-production) signing key is kept inside the server's data dir. */
export const GENERATED_KEY_FILE = 'watchlist-signing-key.pem';

export interface WatchlistPublishOptions {
  listsDir: string;
  /** Ed25519 private key (PKCS#8 PEM); required in production. */
  keyFile?: string;
  /** Server data dir: where a generated key is kept. Absent: a key for this run only. */
  dataDir?: string;
  production: boolean;
}

export interface PreparedWatchlists {
  /** Give to buildServer's `watchlists` option, then call publish() so the re-screen job sees the bundle. */
  publisher: InMemoryWatchlistPublisher;
  publish(): void;
  bundle: SignedBundle;
  /** What a kiosk must trust: key id and the public key (base64 SPKI DER, as `amlBundleKeys` takes it). */
  keyId: string;
  publicKey: string;
  buildMs: number;
}

/** The key id is the public key's fingerprint, so a kiosk's trusted-key entry names exactly one key. */
function signingKeyFrom(privateKey: KeyObject): SigningKey & { publicKey: string } {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('E_SERVER_WATCHLIST_KEY: the watchlist signing key must be Ed25519.');
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return { keyId: `wl-${createHash('sha256').update(spki).digest('hex').slice(0, 16)}`, privateKey, publicKey: spki.toString('base64') };
}

export function resolveSigningKey(o: Pick<WatchlistPublishOptions, 'keyFile' | 'dataDir' | 'production'>): SigningKey & { publicKey: string } {
  if (o.keyFile) {
    if (!existsSync(o.keyFile)) throw new Error(`E_SERVER_WATCHLIST_KEY: watchlist signing key file not found: ${o.keyFile}`);
    return signingKeyFrom(createPrivateKey(readFileSync(o.keyFile, 'utf8')));
  }
  if (o.production) throw new Error('E_SERVER_NO_WATCHLIST_KEY: set VDEX_SERVER_WATCHLIST_KEY_FILE (Ed25519 PKCS#8 PEM) to publish watchlists in production.');
  if (!o.dataDir) return signingKeyFrom(generateKeyPairSync('ed25519').privateKey);
  const file = path.join(o.dataDir, GENERATED_KEY_FILE);
  if (existsSync(file)) return signingKeyFrom(createPrivateKey(readFileSync(file, 'utf8')));
  mkdirSync(o.dataDir, { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  return signingKeyFrom(privateKey);
}

/** A version from the files' bytes: the same folder gives the same version, so kiosks skip a re-download after a restart. */
export function listsVersion(dir: string): string {
  const h = createHash('sha256');
  for (const name of PUBLISHED_NAMES) {
    for (const candidate of [name, `${name}.gz`]) {
      const p = path.join(dir, candidate);
      if (existsSync(p)) h.update(`${candidate}\n`).update(readFileSync(p));
    }
  }
  return `lists-${h.digest('hex').slice(0, 16)}`;
}

/** Builds and signs the folder's lists into a bundle ready to publish; throws when the key or the folder is unusable. */
export function prepareWatchlists(o: WatchlistPublishOptions): PreparedWatchlists {
  const key = resolveSigningKey(o);
  if (!existsSync(o.listsDir)) throw new Error(`E_SERVER_LISTS_DIR: list folder not found: ${o.listsDir}`);
  const started = performance.now();
  const bundle = buildBundleFromDir(o.listsDir, key, listsVersion(o.listsDir));
  const publisher = new InMemoryWatchlistPublisher();
  return { publisher, publish: () => publisher.publish(bundle), bundle, keyId: key.keyId, publicKey: key.publicKey, buildMs: Math.round(performance.now() - started) };
}
