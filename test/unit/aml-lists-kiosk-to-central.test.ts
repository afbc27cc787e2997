/**
 * Kiosk list sync over loopback, nothing mocked: the central API (Fastify,
 * device auth, embedded PGlite) publishes signed watchlist bundles; the
 * kiosk's AML service fetches them with the enrolled device's key, verifies
 * them against the keys in its configuration, keeps the last good one on disk,
 * and reports version, age and the last check (what `aml:lists` shows).
 */
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type CentralApi } from '../../server/src/app';
import { openDatabase, type Database } from '../../server/src/db/database';
import { Migrator } from '../../server/src/db/migrator';
import { signBundle } from '../../server/src/watchlists/build';
import { InMemoryWatchlistPublisher } from '../../server/src/watchlists/routes';
import { createAmlService } from '../../src/main/aml/create';
import type { CentralCredentials } from '../../src/main/aml/central-lists';
import type { WatchlistEntity } from '../../src/shared/aml/model';
import { silentLogger } from '../../src/shared/log';

const admin = 'admin-aml-lists';
const entities: WatchlistEntity[] = [
  { id: 'UN:QDi.263', list: 'UN', ref: 'QDi.263', kind: 'person', names: [{ name: 'HAFIZ MUHAMMAD SAEED', kind: 'primary' }], dob: [{ year: 1950, month: 6, day: 5 }], countries: ['PK'], programs: ['Al-Qaida'], sourceVersion: 'test' },
];
const sources = [{ list: 'UN' as const, files: ['consolidated.xml'], version: 'test', entities: 1 }];
const pem = (k: KeyObject): string => k.export({ type: 'spki', format: 'pem' }).toString();

describe('kiosk fetches signed list bundles from the central API', () => {
  let db: Database;
  let api: CentralApi;
  let creds: CentralCredentials;
  const publisher = new InMemoryWatchlistPublisher();
  const signer = generateKeyPairSync('ed25519');
  const stranger = generateKeyPairSync('ed25519');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vdex-aml-kiosk-'));
  const config = { mode: 'demo' as const, amlBundleKeys: { 'bundle-k1': pem(signer.publicKey) } };

  beforeAll(async () => {
    db = await openDatabase();
    await new Migrator(db).migrate();
    api = await buildServer({ db, adminToken: admin, dataKey: randomBytes(32), watchlists: publisher });
    const base = await api.app.listen({ port: 0, host: '127.0.0.1' });
    const code = await (await fetch(`${base}/v1/admin/enrolment-codes`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ branchId: 'BR-8' }) })).json() as { code: string };
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const enrolled = await (await fetch(`${base}/v1/devices/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: code.code, name: 'kiosk-aml', publicKey: pem(publicKey) }) })).json() as { deviceId: string };
    creds = { baseURL: base, deviceId: enrolled.deviceId, privateKey };
  });
  afterAll(async () => {
    await api.app.close();
    await db.close();
  });

  it('installs a published bundle, keeps the last good one when a later one is refused, and reports version and age', async () => {
    const aml = createAmlService({ dataDir, log: silentLogger, store: () => undefined, config, env: {} });
    expect(await aml.refreshFromCentral(undefined)).toMatchObject({ outcome: 'offline', detail: 'not enrolled with a central API' });
    expect(await aml.refreshFromCentral(creds)).toMatchObject({ outcome: 'none-published' });

    publisher.publish(signBundle(entities, sources, 'wl-1', { keyId: 'bundle-k1', privateKey: signer.privateKey }, new Date(Date.now() - 3 * 3600_000)));
    expect(await aml.refreshFromCentral(creds)).toMatchObject({ outcome: 'installed', version: 'wl-1', rescreened: 0 });
    const status = aml.status();
    expect(status).toMatchObject({ loaded: true, origin: 'bundle', version: 'wl-1', entities: 1, lastCheck: { outcome: 'installed', version: 'wl-1' } });
    expect(status.ageHours).toBeGreaterThanOrEqual(2.9);
    expect(status.ageHours).toBeLessThan(3.5);
    expect(aml.screenOnly({ name: 'Hafiz Mohd Saeed' })[0]?.entityId).toBe('UN:QDi.263');
    expect(await aml.refreshFromCentral(creds)).toMatchObject({ outcome: 'unchanged', version: 'wl-1' });

    // Signed by a key the kiosk's configuration does not trust: refused, wl-1 stays.
    publisher.publish(signBundle(entities, sources, 'wl-2', { keyId: 'bundle-k1', privateKey: stranger.privateKey }));
    expect(await aml.refreshFromCentral(creds)).toMatchObject({ outcome: 'refused', version: 'wl-2', code: 'E_AML_BUNDLE_BAD_SIGNATURE' });
    publisher.publish(signBundle(entities, sources, 'wl-3', { keyId: 'other-key', privateKey: stranger.privateKey }));
    expect(await aml.refreshFromCentral(creds)).toMatchObject({ outcome: 'refused', code: 'E_AML_BUNDLE_UNTRUSTED' });
    // A body that does not match its signed hash.
    const good = signBundle(entities, sources, 'wl-4', { keyId: 'bundle-k1', privateKey: signer.privateKey });
    publisher.publish({ manifest: good.manifest, body: Buffer.concat([good.body, Buffer.from([0])]) });
    expect(await aml.refreshFromCentral(creds)).toMatchObject({ outcome: 'refused', code: 'E_AML_BUNDLE_BAD_HASH' });
    expect(aml.status()).toMatchObject({ version: 'wl-1', lastCheck: { outcome: 'refused' } });

    // A restart finds the last good bundle on disk.
    const restarted = createAmlService({ dataDir, log: silentLogger, store: () => undefined, config, env: {} });
    expect(restarted.status()).toMatchObject({ loaded: true, origin: 'bundle', version: 'wl-1', lastCheck: null });

    // The next good one is installed.
    publisher.publish(good);
    expect(await restarted.refreshFromCentral(creds)).toMatchObject({ outcome: 'installed', version: 'wl-4' });
  });

  it('is offline, not failing, when the central API cannot be reached', async () => {
    const aml = createAmlService({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'vdex-aml-kiosk-')), log: silentLogger, store: () => undefined, config, env: {} });
    const check = await aml.refreshFromCentral({ ...creds, baseURL: 'http://127.0.0.1:9' });
    expect(check.outcome).toBe('offline');
    expect(aml.status()).toMatchObject({ loaded: false, lastCheck: { outcome: 'offline' } });
  });

  it('trusts bundle keys from the configuration; the environment adds one only outside production', async () => {
    publisher.publish(signBundle(entities, sources, 'wl-env', { keyId: 'dev-key', privateKey: stranger.privateKey }));
    const env = { VDEX_AML_BUNDLE_KEYS: JSON.stringify({ 'dev-key': pem(stranger.publicKey) }) };
    const fresh = (): string => mkdtempSync(path.join(os.tmpdir(), 'vdex-aml-kiosk-'));
    const demo = createAmlService({ dataDir: fresh(), log: silentLogger, store: () => undefined, config, env });
    expect(await demo.refreshFromCentral(creds)).toMatchObject({ outcome: 'installed', version: 'wl-env' });
    const production = createAmlService({ dataDir: fresh(), log: silentLogger, store: () => undefined, config: { ...config, mode: 'production' }, env });
    expect(await production.refreshFromCentral(creds)).toMatchObject({ outcome: 'refused', code: 'E_AML_BUNDLE_UNTRUSTED' });
  });
});
