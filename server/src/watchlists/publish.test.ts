import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BundleBodySchema, signedText } from '../../../src/shared/aml/bundle';
import { freshDatabase } from '../../test/db';
import { optionsFromEnv, startCentralApi } from '../start';
import { DEMO_LISTS_DIR, GENERATED_KEY_FILE, prepareWatchlists, resolveSigningKey } from './publish';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'vdex-wl-pub-'));
const publicKeyOf = (b64: string) => createPublicKey({ key: Buffer.from(b64, 'base64'), format: 'der', type: 'spki' });

describe('watchlist signing key', () => {
  it('is generated once into the data dir outside production and reused after a restart', () => {
    const dataDir = tmp();
    const first = resolveSigningKey({ dataDir, production: false });
    const file = path.join(dataDir, GENERATED_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = resolveSigningKey({ dataDir, production: false });
    expect(again.keyId).toBe(first.keyId);
    expect(again.publicKey).toBe(first.publicKey);
    expect(first.keyId).toMatch(/^wl-[0-9a-f]{16}$/);
    // Without a data dir: a key for this run only, a different one each time.
    expect(resolveSigningKey({ production: false }).keyId).not.toBe(resolveSigningKey({ production: false }).keyId);
  });

  it('production needs a configured Ed25519 key file and never generates one', () => {
    const dataDir = tmp();
    expect(() => resolveSigningKey({ dataDir, production: true })).toThrow(/E_SERVER_NO_WATCHLIST_KEY/);
    expect(() => readFileSync(path.join(dataDir, GENERATED_KEY_FILE))).toThrow();
    const keyFile = path.join(dataDir, 'central.pem');
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    writeFileSync(keyFile, privateKey.export({ format: 'pem', type: 'pkcs8' }));
    const key = resolveSigningKey({ keyFile, production: true });
    expect(key.publicKey).toBe(publicKey.export({ format: 'der', type: 'spki' }).toString('base64'));
    const rsa = path.join(dataDir, 'rsa.pem');
    writeFileSync(rsa, generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }));
    expect(() => resolveSigningKey({ keyFile: rsa, production: true })).toThrow(/Ed25519/);
    expect(() => resolveSigningKey({ keyFile: path.join(dataDir, 'missing.pem'), production: true })).toThrow(/not found/);
  });
});

describe('the shipped demo lists', () => {
  it('build into a signed bundle (whole UN list + UAPA) with a version that depends only on the files', () => {
    const dataDir = tmp();
    const a = prepareWatchlists({ listsDir: DEMO_LISTS_DIR, dataDir, production: false });
    expect(a.publisher.latest()).toBeNull();
    a.publish();
    expect(a.publisher.latest()).toBe(a.bundle);
    const { signature, ...unsigned } = a.bundle.manifest;
    expect(verify(null, Buffer.from(signedText(unsigned)), publicKeyOf(a.publicKey), Buffer.from(signature, 'base64'))).toBe(true);
    expect(a.bundle.manifest.keyId).toBe(a.keyId);
    expect(a.bundle.manifest.sources.map((s) => [s.list, s.entities])).toEqual([['UN', 1003], ['UAPA', 39]]);
    const body = BundleBodySchema.parse(JSON.parse(gunzipSync(a.bundle.body).toString('utf8')));
    expect(body.entities.find((e) => e.id === 'UN:QDi.135')?.names.map((n) => n.name)).toContain('DAWOOD IBRAHIM KASKAR');
    const b = prepareWatchlists({ listsDir: DEMO_LISTS_DIR, dataDir, production: false });
    expect(b.bundle.manifest.version).toBe(a.bundle.manifest.version);
    expect(b.keyId).toBe(a.keyId);
  });

  it('are the default only in demo mode; an explicit folder and key file are read from the environment', () => {
    expect(optionsFromEnv({ VDEX_MODE: 'demo' }).listsDir).toBe(DEMO_LISTS_DIR);
    expect(optionsFromEnv({}).listsDir).toBeUndefined();
    expect(optionsFromEnv({ VDEX_MODE: 'production' }).listsDir).toBeUndefined();
    expect(optionsFromEnv({ VDEX_MODE: 'production', VDEX_SERVER_LISTS_DIR: '/srv/lists', VDEX_SERVER_WATCHLIST_KEY_FILE: '/srv/k.pem' })).toMatchObject({ production: true, listsDir: '/srv/lists', watchlistKeyFile: '/srv/k.pem' });
  });
});

describe('startCentralApi with a lists folder (real PostgreSQL)', () => {
  it('publishes the bundle behind device auth and reports the key; production without a key file refuses to start', async () => {
    const { db, url } = await freshDatabase();
    await db.close();
    await expect(startCentralApi({ databaseUrl: url, listsDir: DEMO_LISTS_DIR, production: true, adminToken: 'x'.repeat(32), dataKey: Buffer.alloc(32, 1).toString('base64') })).rejects.toThrow(/E_SERVER_NO_WATCHLIST_KEY/);
    const api = await startCentralApi({ databaseUrl: url, listsDir: DEMO_LISTS_DIR, dataDir: tmp() });
    try {
      expect(api.watchlists).toMatchObject({ entities: 1042, keyId: expect.stringMatching(/^wl-/) });
      expect((await fetch(`${api.url}/v1/watchlists/manifest`)).status).toBe(401);
      const status = await (await fetch(`${api.url}/v1/admin/watchlists/status`, { headers: { authorization: `Bearer ${api.adminToken}` } })).json();
      expect(status).toMatchObject({ version: api.watchlists!.version });
    } finally {
      await api.close();
    }
  });
});
