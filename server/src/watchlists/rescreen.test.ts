import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WatchlistEntity } from '../../../src/shared/aml/model';
import { ItemFactory } from '../../../test/support/sync-items';
import { freshDatabase } from '../../test/db';
import { adminCall, enrolDevice, type TestDevice } from '../../test/device';
import { buildServer, type CentralApi } from '../app';
import { FieldCipher } from '../crypto/fields';
import type { Database } from '../db/database';
import { Migrator } from '../db/migrator';
import { signBundle } from './build';
import { rescreenAllCustomers } from './rescreen';
import { InMemoryWatchlistPublisher } from './routes';

/** Sync items edited past what the schema types spell out. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

const entities: WatchlistEntity[] = [
  { id: 'UN:QDi.263', list: 'UN', ref: 'QDi.263', kind: 'person', names: [{ name: 'HAFIZ MUHAMMAD SAEED', kind: 'primary' }], dob: [{ year: 1950, month: 6, day: 5 }], countries: ['PK'], programs: ['Al-Qaida'], sourceVersion: 'test' },
  { id: 'UAPA:I-1', list: 'UAPA', ref: 'I-1', kind: 'organisation', names: [{ name: 'Babbar Khalsa International', kind: 'primary' }], dob: [], countries: ['IN'], programs: ['UAPA'], sourceVersion: 'test' },
];
const sources = [{ list: 'UN' as const, files: ['consolidated.xml'], version: 'test', entities: 1 }];

describe('watchlists in the central API: device-authenticated routes and re-screening on publish (real PostgreSQL)', () => {
  let db: Database;
  let api: CentralApi;
  let base: string;
  let kiosk: TestDevice;
  const admin = 'admin-token-for-watchlist-tests';
  const dataKey = randomBytes(32);
  const publisher = new InMemoryWatchlistPublisher();
  const { privateKey } = generateKeyPairSync('ed25519');

  beforeAll(async () => {
    db = (await freshDatabase()).db;
    await new Migrator(db).migrate();
    api = await buildServer({ db, adminToken: admin, dataKey, watchlists: publisher });
    base = await api.app.listen({ port: 0, host: '127.0.0.1' });
    kiosk = await enrolDevice(base, admin);
    // Three customers arrive the way kiosks send them: one bears a listed name and date of birth.
    const f = new ItemFactory();
    const items = [f.kyc(), f.kyc(), f.kyc()] as Loose[];
    items[0].payload.record.customerName = 'Hafiz Mohd Saeed';
    items[0].payload.record.dateOfBirth = '1950-06-05';
    items[0].payload.record.gender = 'M';
    items[1].payload.record.customerName = 'Priya Sharma';
    const res = await kiosk.request('POST', '/v1/sync/batch', { items });
    expect(res.status).toBe(200);
  });
  afterAll(async () => {
    await api.app.close();
    await db.close();
  });

  async function waitForRescreen(version: string): Promise<Loose> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { json } = await adminCall(base, admin, 'GET', '/v1/admin/watchlists/status');
      if (json.rescreen?.version === version && json.rescreen.state !== 'running') return json.rescreen;
      if (Date.now() > deadline) throw new Error(`re-screening of ${version} did not finish: ${JSON.stringify(json)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('serves bundles only to an authenticated device, and admin status only to the admin', async () => {
    expect((await fetch(`${base}/v1/watchlists/manifest`)).status).toBe(401);
    expect((await kiosk.request('GET', '/v1/watchlists/manifest')).status).toBe(404);
    expect((await kiosk.request('GET', '/v1/admin/watchlists/status')).status).toBe(403);
    expect((await adminCall(base, admin, 'GET', '/v1/admin/watchlists/status')).json).toEqual({ version: null, rescreen: null });
  });

  it('a published bundle is served, and every customer is re-screened against it once', async () => {
    const bundle = signBundle(entities, sources, 'wl-1', { keyId: 'k1', privateKey });
    publisher.publish(bundle);
    const manifest = await kiosk.request('GET', '/v1/watchlists/manifest');
    expect(manifest.status).toBe(200);
    expect(manifest.json).toMatchObject({ version: 'wl-1', sha256: bundle.manifest.sha256 });
    // The body (gzip, not JSON) is fetched and verified by the kiosk's client in src/main/aml; here: it too needs identity.
    expect((await fetch(`${base}/v1/watchlists/bundle/wl-1`)).status).toBe(401);

    const run = await waitForRescreen('wl-1');
    expect(run).toMatchObject({ state: 'done', summary: { version: 'wl-1', screened: 3, alreadyAssessed: 0, potentialMatches: 1, withoutKyc: 0, unreadable: 0 } });
    const { rows } = await db.query<{ risk_level: string; decision: string; hits: Loose[] }>(
      "SELECT risk_level, decision, hits FROM aml_assessments WHERE list_version = 'wl-1' ORDER BY risk_level",
    );
    expect(rows.map((r) => [r.risk_level, r.decision])).toEqual([['high', 'block'], ['low', 'clear'], ['low', 'clear']]);
    expect(rows[0]!.hits).toEqual([expect.objectContaining({ entityId: 'UN:QDi.263', list: 'UN', ref: 'QDi.263' })]);
    // The stored hit carries list-side facts only: never the customer's name as entered.
    expect(JSON.stringify(rows[0]!.hits)).not.toMatch(/mohd/i);

    // The same version again (a re-publish, a restart): nothing is added twice.
    publisher.publish(bundle);
    await new Promise((r) => setTimeout(r, 20));
    const again = await waitForRescreen('wl-1');
    expect(again.summary).toMatchObject({ screened: 0, alreadyAssessed: 3 });
    expect((await db.query("SELECT 1 FROM aml_assessments WHERE list_version = 'wl-1'")).rowCount).toBe(3);

    // A new version is a new round for everyone.
    publisher.publish(signBundle(entities.slice(1), sources, 'wl-2', { keyId: 'k1', privateKey }));
    expect(await waitForRescreen('wl-2')).toMatchObject({ state: 'done', summary: { screened: 3, potentialMatches: 0 } });
  });

  it('counts customers it cannot screen instead of failing the run', async () => {
    const cipher = new FieldCipher(dataKey);
    const noKyc = randomUUID();
    const foreign = randomUUID();
    await db.query('INSERT INTO users (id) VALUES ($1), ($2)', [noKyc, foreign]);
    await db.query('INSERT INTO user_profiles (user_id, full_name_enc) VALUES ($1, $2)', [noKyc, cipher.encrypt('Hafiz Muhammad Saeed')]);
    await db.query('INSERT INTO user_profiles (user_id, full_name_enc) VALUES ($1, $2)', [foreign, new FieldCipher(randomBytes(32)).encrypt('Someone Else')]);
    await db.query(
      `INSERT INTO kyc (id, user_id, device_id, branch_id, agent_id, method, status, captured_at) VALUES ($1, $2, 'dev_x', 'BR-1', 'agent-1', 'otp', 'verified', now())`,
      [randomUUID(), foreign],
    );
    const summary = await rescreenAllCustomers(db, cipher, { version: 'wl-3', entities }, { pageSize: 2 });
    expect(summary).toMatchObject({ version: 'wl-3', screened: 3, withoutKyc: 1, unreadable: 1, alreadyAssessed: 0, potentialMatches: 1 });
  });
});
