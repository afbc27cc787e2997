/**
 * Drain a 10,000-item backlog from a kiosk to the central API on loopback.
 * Goal: <= 10 s. Real kiosk store (SQLCipher), real sync engine and client,
 * real central API on a throwaway PostgreSQL 15.
 *   npm run bench -- sync-drain
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildServer } from '../server/src/app';
import { openDatabase } from '../server/src/db/database';
import { Migrator } from '../server/src/db/migrator';
import { FileKeyStore, Store } from '../src/main/store';
import { sampleOnboarding, seedAgent } from '../src/main/store/test-support/fixtures';
import { CentralApiClient } from '../src/main/sync/client';
import { SyncEngine } from '../src/main/sync/engine';
import { storePorts } from '../src/main/sync/store-adapter';
import type { Logger } from '../src/shared/log';
import { startPostgres } from '../test/support/postgres';

const ITEMS = 10_000;
const noop = () => undefined;
const log: Logger = { debug: noop, info: noop, warn: noop, error: noop, child: () => log };

const pg = await startPostgres();
const dir = mkdtempSync(path.join(os.tmpdir(), 'vdex-bench-sync-'));
try {
  const db = await openDatabase({ url: pg.url });
  await new Migrator(db).migrate();
  const api = await buildServer({ db, adminToken: 'bench', dataKey: randomBytes(32) });
  const url = await api.app.listen({ port: 0, host: '127.0.0.1' });
  const { code } = await (await fetch(`${url}/v1/admin/enrolment-codes`, { method: 'POST', headers: { authorization: 'Bearer bench', 'content-type': 'application/json' }, body: '{"branchId":"BR-1"}' })).json() as { code: string };
  const identity = await CentralApiClient.enrol(url, code, 'bench-kiosk');

  const store = await Store.open({ dataDir: dir, mode: 'development', keyStore: new FileKeyStore(dir) });
  seedAgent(store);
  // Each onboarding queues one outbox row and two audit entries: 3,334 of them make the backlog.
  const t0 = performance.now();
  for (let i = 0; i * 3 < ITEMS; i++) store.onboardings.commit(sampleOnboarding());
  const backlog = store.outbox.stats().pending + (store.audit.head()?.seq ?? 0);
  const captureMs = performance.now() - t0;

  const engine = new SyncEngine({ ...storePorts(store), client: new CentralApiClient(identity), log, batchSize: 250 });
  const t1 = performance.now();
  let s = await engine.syncNow();
  while (s.depth > 0 || s.auditPending > 0) s = await engine.syncNow();
  const drainMs = performance.now() - t1;
  const digest = await (await fetch(`${url}/v1/admin/devices/${identity.deviceId}/digest`, { headers: { authorization: 'Bearer bench' } })).json() as { count: number; chain: { verified: boolean } };

  console.log(`backlog            ${backlog} items (captured in ${(captureMs / 1000).toFixed(1)} s)`);
  console.log(`drain time         ${(drainMs / 1000).toFixed(2)} s   (goal <= 10 s) ${drainMs <= 10_000 ? 'OK' : 'MISSED'}`);
  console.log(`throughput         ${Math.round(backlog / (drainMs / 1000))} items/s`);
  console.log(`server holds       ${digest.count} items, chain verified: ${digest.chain.verified}`);
  store.close();
  await api.app.close();
  await db.close();
} finally {
  pg.stop();
  rmSync(dir, { recursive: true, force: true });
}
