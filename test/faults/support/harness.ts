/**
 * The fault suite's world: a real central API (Fastify) on the test
 * PostgreSQL, a real kiosk store (SQLCipher) with onboardings committed the
 * way the flow commits them, and the real sync engine between them. `verify`
 * is the check run after every fault: nothing lost, nothing doubled, every
 * chain verified, and the server's checksum equal to the kiosk's.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { buildServer, type CentralApi } from '../../../server/src/app';
import { openDatabase, type Database } from '../../../server/src/db/database';
import { Migrator } from '../../../server/src/db/migrator';
import type { Logger } from '../../../src/shared/log';
import { FileKeyStore, Store } from '../../../src/main/store';
import { sampleOnboarding, seedAgent } from '../../../src/main/store/test-support/fixtures';
import { CentralApiClient, type DeviceIdentity } from '../../../src/main/sync/client';
import { SyncEngine, type SyncEngineOptions } from '../../../src/main/sync/engine';
import { auditItem, outboxItem } from '../../../src/main/sync/items';
import { storePorts } from '../../../src/main/sync/store-adapter';
import { createDatabaseName } from '../../support/postgres';
import { itemsChecksum } from '../../support/sync-items';
import type {} from '../../../server/test/db';

export const ADMIN = 'fault-suite-admin-token';
const noop = () => undefined;
export const quietLog: Logger = { debug: noop, info: noop, warn: noop, error: noop, child: () => quietLog };

export interface Central {
  api: CentralApi;
  db: Database;
  url: string;
  port: number;
  dataKey: Buffer;
  dbUrl: string;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startCentral(port = 0): Promise<Central> {
  const dbUrl = createDatabaseName(inject('pgUrl'), `f_${randomBytes(6).toString('hex')}`);
  const dataKey = randomBytes(32);
  const boot = async (p: number) => {
    const db = await openDatabase({ url: dbUrl });
    await new Migrator(db).migrate();
    const api = await buildServer({ db, adminToken: ADMIN, dataKey });
    const url = await api.app.listen({ port: p, host: '127.0.0.1' });
    return { db, api, url };
  };
  const first = await boot(port);
  const c: Central = {
    ...first,
    port: Number(new URL(first.url).port),
    dataKey,
    dbUrl,
    async restart() {
      await c.api.app.close();
      await c.db.close();
      Object.assign(c, await boot(c.port));
    },
    async close() {
      await c.api.app.close();
      await c.db.close();
    },
  };
  return c;
}

export async function adminGet(central: Central, p: string): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(central.url + p, { headers: { authorization: `Bearer ${ADMIN}` } });
  return res.json();
}

export async function enrol(central: Central, apiUrl = central.url): Promise<DeviceIdentity> {
  const res = await fetch(`${central.url}/v1/admin/enrolment-codes`, {
    method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify({ branchId: 'BR-1' }),
  });
  const { code } = (await res.json()) as { code: string };
  return CentralApiClient.enrol(apiUrl, code, 'fault-kiosk');
}

export interface Kiosk {
  dir: string;
  store: Store;
  /** Commits n onboardings through the store's one write path (record + audit + outbox). */
  capture(n: number): void;
  close(): void;
}

export async function openKiosk(dir = mkdtempSync(path.join(os.tmpdir(), 'vdex-fault-kiosk-'))): Promise<Kiosk> {
  const store = await Store.open({ dataDir: dir, mode: 'development', keyStore: new FileKeyStore(dir) });
  seedAgent(store);
  return {
    dir,
    store,
    capture(n) {
      for (let i = 0; i < n; i++) store.onboardings.commit(sampleOnboarding());
    },
    close() {
      store.close();
    },
  };
}

export const fastEngine: Partial<SyncEngineOptions> = {
  batchSize: 50,
  leaseMs: 5_000,
  requestTimeoutMs: 700,
  idleMs: 50,
  backoff: { baseMs: 10, capMs: 200 },
  retry: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 50 },
  breaker: { consecutiveFailures: 1000, halfOpenAfterMs: 100 },
};

export function engineFor(kiosk: Kiosk, client: CentralApiClient, extra: Partial<SyncEngineOptions> = {}): SyncEngine {
  return new SyncEngine({ ...storePorts(kiosk.store), client, log: quietLog, ...fastEngine, ...extra });
}

/** Runs sync cycles until the kiosk has nothing left to send (or the deadline passes). */
export async function drain(engine: SyncEngine, deadlineMs = 60_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const s = await engine.syncNow();
    if (s.depth === 0 && s.auditPending === 0) return;
    if (Date.now() > until) throw new Error(`not drained in time: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

/** Everything the kiosk holds, as the wire items the server should have applied exactly once. */
export function kioskItems(store: Store): unknown[] {
  const rows = [...store.outbox.listByState('applied', 100_000), ...store.outbox.listByState('duplicate', 100_000)];
  return [...rows.map((r) => outboxItem(r)), ...store.audit.list({ limit: 1_000_000 }).map(auditItem)];
}

export async function verifyNothingLost(central: Central, kiosk: Kiosk, deviceId: string): Promise<{ count: number }> {
  const stats = kiosk.store.outbox.stats();
  const records = stats.applied + stats.duplicate;
  const expected = itemsChecksum(kioskItems(kiosk.store));
  const digest = await adminGet(central, `/v1/admin/devices/${deviceId}/digest`);
  const kyc = await central.db.query<{ n: number; d: number }>('SELECT count(*)::int AS n, count(DISTINCT id)::int AS d FROM kyc WHERE device_id = $1', [deviceId]);
  const audit = await central.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_entries WHERE device_id = $1', [deviceId]);
  const head = kiosk.store.audit.head();
  const local = kiosk.store.audit.verify();
  const problems: string[] = [];
  if (stats.pending + stats.sending + stats.rejected !== 0) problems.push(`kiosk still holds ${JSON.stringify(stats)}`);
  if (digest.count !== expected.count) problems.push(`server has ${digest.count} items, kiosk sent ${expected.count}`);
  if (digest.checksum !== expected.checksum) problems.push('checksums differ');
  if (kyc.rows[0]!.n !== records || kyc.rows[0]!.d !== records) problems.push(`server has ${kyc.rows[0]!.n} kyc rows (${kyc.rows[0]!.d} distinct) for ${records} records`);
  if (audit.rows[0]!.n !== (head?.seq ?? 0)) problems.push(`server has ${audit.rows[0]!.n} audit entries, kiosk ${head?.seq ?? 0}`);
  if (!digest.chain.verified || digest.chain.seq !== (head?.seq ?? 0) || digest.chain.hash !== (head?.hash ?? '')) problems.push(`server chain ${JSON.stringify(digest.chain)}`);
  if (!local.ok) problems.push('kiosk chain broken');
  if (problems.length) throw new Error(problems.join('; '));
  return { count: expected.count };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
