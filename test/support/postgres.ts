/**
 * A throwaway PostgreSQL 15 server for tests, the fault suite and `npm run load`:
 * its own data directory under the OS temp folder, listening on 127.0.0.1 at a
 * free port, stopped (and its folder removed) by `stop()`; durable on request
 * (`npm run load` measures with every commit on disk). PostgreSQL refuses
 * to run as root, so when we are root the server runs as the `postgres` user.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './ports';
export { freePort };

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface TestPostgres {
  url: string;
  port: number;
  dataDir: string;
  stop(): void;
  /** Stops and starts the server on the same port (the "server restarted" fault). */
  restart(): void;
}


function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

export interface StartPostgresOptions {
  /**
   * PostgreSQL's own durability defaults (fsync, synchronous_commit, full_page_writes on): every commit waits
   * for its WAL to reach the disk, as in production. Off (the default for tests), commits do not wait.
   */
  durable?: boolean;
}

export async function startPostgres(options: StartPostgresOptions = {}): Promise<TestPostgres> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'vdex-pg-'));
  const dataDir = path.join(root, 'data');
  const user = postgresUser();
  if (user) {
    chownSync(root, user.uid, user.gid);
    chmodSync(root, 0o700);
  }
  const run = (bin: string, args: string[]) =>
    execFileSync(path.join(BIN, bin), args, { stdio: 'pipe', ...(user ? { uid: user.uid, gid: user.gid } : {}), env: { ...process.env, LC_ALL: 'C' } });
  run('initdb', ['-D', dataDir, '-U', 'vdex', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const speed = options.durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
  const opts = `-c listen_addresses=127.0.0.1 -p ${port} -k ${root}${speed} -c max_connections=300`;
  const start = () => run('pg_ctl', ['-D', dataDir, '-o', opts, '-l', path.join(root, 'log'), '-w', '-t', '30', 'start']);
  const stopServer = () => {
    try {
      run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
    } catch {
      // already stopped
    }
  };
  start();
  run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'vdex', 'vdex']);
  return {
    url: `postgres://vdex@127.0.0.1:${port}/vdex`,
    port,
    dataDir,
    restart() {
      stopServer();
      start();
    },
    stop() {
      stopServer();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A fresh database on the same server, so test files do not share tables. */
export function createDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  execFileSync(path.join(BIN, 'createdb'), ['-h', u.hostname, '-p', u.port, '-U', 'vdex', name], { stdio: 'pipe' });
  u.pathname = `/${name}`;
  return u.toString();
}
