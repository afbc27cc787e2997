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
}

export interface RunningCentralApi extends CentralApi {
  url: string;
  adminToken: string;
  db: Database;
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
  if (options.dataDir && !options.databaseUrl) mkdirSync(options.dataDir, { recursive: true });
  const db = await openDatabase({
    ...(options.databaseUrl ? { url: options.databaseUrl } : {}),
    ...(options.dataDir ? { dataDir: path.join(options.dataDir, 'pglite') } : {}),
    ...(options.poolSize ? { poolSize: options.poolSize } : {}),
  });
  await new Migrator(db).migrate();
  const adminToken = options.adminToken ?? newAdminToken();
  const verification = verificationFromEnv({ production: options.production ?? false, dataKey, ...(options.dataDir ? { dataDir: options.dataDir } : {}) });
  const api = await buildServer({ db, adminToken, dataKey, logger: options.logger ?? false, defaultMetrics: true, verification });
  const url = await api.app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  return {
    ...api,
    url,
    adminToken,
    db,
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
    production: (env.VDEX_MODE ?? env.NODE_ENV) === 'production',
  };
}
