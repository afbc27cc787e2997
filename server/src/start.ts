/**
 * Starts the central API: real PostgreSQL when a database URL is given
 * (DATABASE_URL), otherwise embedded PGlite (the demo default), migrated to
 * the newest schema. Used by `vdex server start`, the kiosk's demo launcher
 * and the load test.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildServer, newAdminToken, type CentralApi } from './app';
import { openDatabase, type Database } from './db/database';
import { Migrator } from './db/migrator';
import { verificationFromEnv } from './providers/config';
import { DEMO_LISTS_DIR, prepareWatchlists } from './watchlists/publish';

export interface StartOptions {
  databaseUrl?: string;
  /** PGlite folder (and where a demo data key is kept); absent: in memory. */
  dataDir?: string;
  host?: string;
  port?: number;
  adminToken?: string;
  /** Base64 32-byte key for personal-data columns. */
  dataKey?: string;
  production?: boolean;
  logger?: boolean;
  poolSize?: number;
  /** Official list files to build, sign and publish as a watchlist bundle (watchlists/publish.ts). */
  listsDir?: string;
  /** Ed25519 PKCS#8 PEM signing the bundle; required in production, generated into dataDir otherwise. */
  watchlistKeyFile?: string;
}

export interface RunningCentralApi extends CentralApi {
  url: string;
  adminToken: string;
  db: Database;
  /** The published bundle and the public key kiosks must trust; absent when no lists folder was given. */
  watchlists?: { version: string; entities: number; keyId: string; publicKey: string; buildMs: number };
  close(): Promise<void>;
}

function resolveDataKey(options: StartOptions): Buffer {
  if (options.dataKey) return Buffer.from(options.dataKey, 'base64');
  if (options.production) throw new Error('E_SERVER_NO_DATA_KEY: set VDEX_SERVER_DATA_KEY (32 bytes, base64) in production.');
  if (!options.dataDir) return randomBytes(32);
  // Demo only: keep a generated key beside the embedded database so a restart can still read it.
  const file = path.join(options.dataDir, 'demo-data.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(options.dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  return key;
}

export async function startCentralApi(options: StartOptions = {}): Promise<RunningCentralApi> {
  if (options.production && !options.adminToken) throw new Error('E_SERVER_NO_ADMIN_TOKEN: set VDEX_ADMIN_TOKEN in production.');
  const dataKey = resolveDataKey(options);
  // Before the database opens, so a missing key or folder fails fast and leaks nothing.
  const lists = options.listsDir ? prepareWatchlists({ listsDir: options.listsDir, production: options.production ?? false, ...(options.watchlistKeyFile ? { keyFile: options.watchlistKeyFile } : {}), ...(options.dataDir ? { dataDir: options.dataDir } : {}) }) : undefined;
  if (options.dataDir && !options.databaseUrl) mkdirSync(options.dataDir, { recursive: true });
  const db = await openDatabase({
    ...(options.databaseUrl ? { url: options.databaseUrl } : {}),
    ...(options.dataDir ? { dataDir: path.join(options.dataDir, 'pglite') } : {}),
    ...(options.poolSize ? { poolSize: options.poolSize } : {}),
  });
  await new Migrator(db).migrate();
  const adminToken = options.adminToken ?? newAdminToken();
  const verification = verificationFromEnv({ production: options.production ?? false, dataKey, ...(options.dataDir ? { dataDir: options.dataDir } : {}) });
  const api = await buildServer({ db, adminToken, dataKey, logger: options.logger ?? false, defaultMetrics: true, verification, ...(lists ? { watchlists: lists.publisher } : {}) });
  lists?.publish();
  const url = await api.app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  return {
    ...api,
    url,
    adminToken,
    db,
    ...(lists ? { watchlists: { version: lists.bundle.manifest.version, entities: lists.bundle.manifest.entities, keyId: lists.keyId, publicKey: lists.publicKey, buildMs: lists.buildMs } } : {}),
    async close() {
      await api.app.close();
      await db.close();
    },
  };
}

export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): StartOptions {
  return {
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    ...(env.VDEX_SERVER_DATA_DIR ? { dataDir: env.VDEX_SERVER_DATA_DIR } : {}),
    ...(env.VDEX_ADMIN_TOKEN ? { adminToken: env.VDEX_ADMIN_TOKEN } : {}),
    ...(env.VDEX_SERVER_DATA_KEY ? { dataKey: env.VDEX_SERVER_DATA_KEY } : {}),
    ...(env.VDEX_SERVER_PORT ? { port: Number(env.VDEX_SERVER_PORT) } : {}),
    ...(Number(env.VDEX_DB_POOL_SIZE) > 0 ? { poolSize: Number(env.VDEX_DB_POOL_SIZE) } : {}),
    production: (env.VDEX_MODE ?? env.NODE_ENV) === 'production',
    // Demo mode publishes the shipped demo lists unless told otherwise; never by default elsewhere.
    ...(env.VDEX_SERVER_LISTS_DIR ? { listsDir: env.VDEX_SERVER_LISTS_DIR } : env.VDEX_MODE === 'demo' ? { listsDir: DEMO_LISTS_DIR } : {}),
    ...(env.VDEX_SERVER_WATCHLIST_KEY_FILE ? { watchlistKeyFile: env.VDEX_SERVER_WATCHLIST_KEY_FILE } : {}),
  };
}
