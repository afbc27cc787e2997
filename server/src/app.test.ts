import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ItemFactory, itemsChecksum } from '../../test/support/sync-items';
import { freshDatabase } from '../test/db';
import { adminCall, enrolDevice, type TestDevice } from '../test/device';
import { buildServer, type CentralApi } from './app';
import type { Database } from './db/database';
import { Migrator } from './db/migrator';
import { MAX_BATCH_ITEMS } from '../../src/shared/sync/items';
import { verhoeffCheckDigit } from '../../src/shared/validators/verhoeff';

/** Items the test breaks on purpose, past what the schema types allow. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

describe('central API over real HTTP and real PostgreSQL', () => {
  let db: Database;
  let api: CentralApi;
  let base: string;
  const admin = 'admin-token-for-tests';
  let kiosk: TestDevice;

  beforeAll(async () => {
    db = (await freshDatabase()).db;
    await new Migrator(db).migrate();
    api = await buildServer({ db, adminToken: admin, dataKey: randomBytes(32) });
    base = await api.app.listen({ port: 0, host: '127.0.0.1' });
    kiosk = await enrolDevice(base, admin);
  });
  afterAll(async () => {
    await api.app.close();
    await db.close();
  });

  it('/health answers without identity; every other route needs one', async () => {
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'up', database: { status: 'up', engine: 'postgres' } });
    for (const [method, path] of [['GET', '/metrics'], ['POST', '/v1/sync/batch'], ['GET', '/v1/sync/head'], ['GET', '/v1/admin/devices']] as const) {
      const res = await fetch(base + path, { method });
      expect(res.status, path).toBe(401);
      expect(((await res.json()) as { code: string }).code).toBe('E_AUTH_MISSING');
    }
    expect((await adminCall(base, 'wrong', 'GET', '/v1/admin/devices')).status).toBe(401);
    expect((await kiosk.request('GET', '/v1/admin/devices')).status).toBe(403);
  });

  it('an enrolment code works once', async () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    const { code } = (await adminCall(base, admin, 'POST', '/v1/admin/enrolment-codes', { branchId: 'BR-9' })).json;
    const enrol = () => fetch(`${base}/v1/devices/enrol`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, name: 'k2', publicKey: publicKey.export({ type: 'spki', format: 'pem' }) }),
    });
    const first = await enrol();
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ branchId: 'BR-9', deviceId: expect.stringMatching(/^dev_/) });
    expect((await enrol()).status).toBe(401);
  });

  it('refuses forged, tampered, skewed and replayed requests with 401', async () => {
    const ok = await kiosk.request('GET', '/v1/sync/head');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-vdex-server-time')).toMatch(/^\d+$/);
    const forged = await kiosk.request('GET', '/v1/sync/head', undefined, { key: generateKeyPairSync('ed25519').privateKey });
    expect(forged.json.code).toBe('E_AUTH_BAD_SIGNATURE');
    const tampered = await kiosk.request('POST', '/v1/sync/batch', { items: new ItemFactory().mixed(1) }, { tamper: (b) => b.replace('Test Resident', 'Test Residenx') });
    expect([tampered.status, tampered.json.code]).toEqual([401, 'E_AUTH_BAD_SIGNATURE']);
    const skewed = await kiosk.request('GET', '/v1/sync/head', undefined, { time: Date.now() - 10 * 60_000 });
    expect([skewed.status, skewed.json.code]).toEqual([401, 'E_AUTH_CLOCK_SKEW']);
    const replay = await fetch(ok.sent.url, ok.sent);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { code: string }).code).toBe('E_AUTH_REPLAY');
    // The batch route stores its nonce inside the batch transaction: a replay of an applied batch, and of one the
    // server refused, are both refused with 401 and change nothing (a refused 409 batch: see the chain test).
    const k = await enrolDevice(base, admin);
    const applied = await k.request('POST', '/v1/sync/batch', { items: new ItemFactory().mixed(3) });
    expect(applied.status).toBe(200);
    const refused = await k.request('POST', '/v1/sync/batch', { items: [] });
    expect(refused.status).toBe(400);
    const before = await k.request('GET', '/v1/sync/head');
    for (const sent of [applied.sent, refused.sent]) {
      const again = await fetch(sent.url, sent);
      expect([again.status, ((await again.json()) as { code: string }).code]).toEqual([401, 'E_AUTH_REPLAY']);
    }
    expect((await k.request('GET', '/v1/sync/head')).json).toEqual(before.json);
  });

  it('applies each item exactly once, answers duplicates, and matches the kiosk checksum', async () => {
    const f = new ItemFactory();
    const items = f.mixed(40);
    const first = await kiosk.request('POST', '/v1/sync/batch', { items });
    expect(first.status).toBe(200);
    expect(first.json.results.map((r: { outcome: string }) => r.outcome)).toEqual(Array(40).fill('applied'));
    const again = await kiosk.request('POST', '/v1/sync/batch', { items });
    expect(again.json.results.every((r: { outcome: string }) => r.outcome === 'duplicate')).toBe(true);
    const digest = (await adminCall(base, admin, 'GET', `/v1/admin/devices/${kiosk.deviceId}/digest`)).json;
    expect(digest).toMatchObject({ ...itemsChecksum(items), chain: { verified: true, seq: 16 } });
    const kyc = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM kyc WHERE device_id = $1', [kiosk.deviceId]);
    expect(kyc.rows[0]!.n).toBe(8);
    const linked = await db.query<{ n: number }>('SELECT count(kyc_id)::int AS n FROM api_requests WHERE device_id = $1', [kiosk.deviceId]);
    expect(linked.rows[0]!.n).toBe(8);
    const aml = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM aml_assessments a JOIN kyc k ON k.id = a.kyc_id WHERE k.device_id = $1', [kiosk.deviceId]);
    expect(aml.rows[0]!.n).toBe(16);
  });

  it('stores personal data encrypted, never in the clear', async () => {
    const rows = await db.query<{ full_name_enc: Buffer }>('SELECT full_name_enc FROM user_profiles LIMIT 5');
    expect(rows.rows.length).toBeGreaterThan(0);
    for (const r of rows.rows) expect(Buffer.from(r.full_name_enc).toString('latin1')).not.toContain('Test Resident');
  });

  it('rejects a bad item with 422 and its reason while the good ones apply', async () => {
    const k2 = await enrolDevice(base, admin);
    const f = new ItemFactory();
    const good = f.apiRequest();
    const bad = f.kyc() as Loose;
    bad.payload.record.aadhaarLast4 = '12X4';
    const leak = f.apiRequest() as Loose;
    // A standalone run (the scrubber leaves digits glued to letters alone, as in hex digests).
    leak.payload.errorCode = `E:${'23456789012'}${verhoeffCheckDigit('23456789012')}`;
    const res = await k2.request('POST', '/v1/sync/batch', { items: [good, bad, leak] });
    expect(res.status).toBe(422);
    expect(res.json.results.map((r: { outcome: string }) => r.outcome)).toEqual(['applied', 'rejected', 'rejected']);
    expect(res.json.results[1].reason).toMatch(/aadhaarLast4/);
    const orphan = await k2.request('POST', '/v1/sync/batch', { items: [new ItemFactory().aml()] });
    expect(orphan.json.results[0]).toMatchObject({ outcome: 'rejected', code: 'E_SYNC_UNKNOWN_KYC' });
    // Fixed and resent under the same key: applies.
    bad.payload.record.aadhaarLast4 = '1234';
    const fixed = await k2.request('POST', '/v1/sync/batch', { items: [bad] });
    expect(fixed.json.results[0].outcome).toBe('applied');
  });

  it('answers 409 naming the first bad sequence when the audit chain breaks, and applies nothing of that batch', async () => {
    const k3 = await enrolDevice(base, admin);
    const f = new ItemFactory();
    const [a1, a2, a3] = [f.audit(), f.audit(), f.audit()];
    expect((await k3.request('POST', '/v1/sync/batch', { items: [a1] })).status).toBe(200);
    const gap = await k3.request('POST', '/v1/sync/batch', { items: [a3, f.apiRequest()] });
    expect(gap.status).toBe(409);
    expect(gap.json).toMatchObject({ code: 'E_SYNC_CHAIN_BREAK', firstBadSequence: 3, expected: { seq: 2 } });
    // The 409 rolled back the batch transaction, nonce included; the nonce is kept all the same: its replay is refused.
    const replayed = await fetch(gap.sent.url, gap.sent);
    expect([replayed.status, ((await replayed.json()) as { code: string }).code]).toEqual([401, 'E_AUTH_REPLAY']);
    const forgedLink = structuredClone(a2) as Loose;
    forgedLink.payload.prevHash = 'f'.repeat(64);
    forgedLink.key = `${forgedLink.key}x`;
    expect((await k3.request('POST', '/v1/sync/batch', { items: [forgedLink] })).json.firstBadSequence).toBe(2);
    expect((await k3.request('POST', '/v1/sync/batch', { items: [a2, a3] })).status).toBe(200);
    const digest = (await adminCall(base, admin, 'GET', `/v1/admin/devices/${k3.deviceId}/digest`)).json;
    expect(digest).toMatchObject({ count: 3, chain: { seq: 3, verified: true } });
    const metrics = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${admin}` } })).text();
    expect(metrics).toMatch(/vdex_sync_chain_breaks_total 2/);
    expect(metrics).toMatch(/vdex_sync_items_total\{kind="audit.entry",outcome="applied"\}/);
    expect(metrics).toMatch(/vdex_sync_device_lag_seconds\{device="dev_/);
    expect(metrics).toMatch(/vdex_http_request_duration_seconds_bucket/);
  });

  it('limits batches: too many items or too many bytes answer 413; unordered 400', async () => {
    const f = new ItemFactory();
    const many = Array.from({ length: MAX_BATCH_ITEMS + 1 }, () => f.apiRequest());
    const tooMany = await kiosk.request('POST', '/v1/sync/batch', { items: many });
    expect([tooMany.status, tooMany.json.code]).toEqual([413, 'E_SYNC_TOO_MANY']);
    const huge = await kiosk.request('POST', '/v1/sync/batch', { items: [{ ...f.apiRequest(), pad: 'x'.repeat(5 * 1024 * 1024) }] });
    expect(huge.status).toBe(413);
    const [x, y] = [f.apiRequest(), f.apiRequest()];
    expect((await kiosk.request('POST', '/v1/sync/batch', { items: [y, x] })).status).toBe(400);
  });

  it('revoked devices are refused', async () => {
    const k4 = await enrolDevice(base, admin);
    expect((await k4.request('GET', '/v1/sync/head')).status).toBe(200);
    expect((await adminCall(base, admin, 'POST', `/v1/admin/devices/${k4.deviceId}/revoke`)).status).toBe(200);
    const after = await k4.request('GET', '/v1/sync/head');
    expect([after.status, after.json.code]).toEqual([401, 'E_AUTH_REVOKED']);
  });
});
