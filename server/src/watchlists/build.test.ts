import { generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BundleBodySchema, signedText } from '../../../src/shared/aml/bundle';
import { buildBundleFromDir } from './build';

describe('watchlist bundle build', () => {
  it('parses a folder of official files and signs a bundle the public key verifies', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vdex-wl-'));
    writeFileSync(path.join(dir, 'uapa.csv'), 'serial,name_as_published,schedule,snapshot\n1,Babbar Khalsa International,UAPA First Schedule (terrorist organisations),2023-12-18\n');
    const b = buildBundleFromDir(dir, { keyId: 'k1', privateKey }, 'v1');
    const { signature, ...unsigned } = b.manifest;
    expect(verify(null, Buffer.from(signedText(unsigned)), publicKey, Buffer.from(signature, 'base64'))).toBe(true);
    const body = BundleBodySchema.parse(JSON.parse(gunzipSync(b.body).toString('utf8')));
    expect(body.entities[0]).toMatchObject({ id: 'UAPA:I-1', kind: 'organisation' });
    expect(b.manifest.sources).toEqual([{ list: 'UAPA', files: ['uapa.csv'], version: '2023-12-18', entities: 1 }]);
  });
});

describe('watchlist routes', () => {
  it('serves the manifest and the body over real HTTP on loopback', async () => {
    const Fastify = (await import('fastify')).default;
    const { InMemoryWatchlistPublisher, watchlistRoutes } = await import('./routes');
    const { privateKey } = generateKeyPairSync('ed25519');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vdex-wl-'));
    writeFileSync(path.join(dir, 'uapa.csv'), 'serial,name_as_published,schedule,snapshot\n1,Babbar Khalsa International,First Schedule,2023-12-18\n');
    const publisher = new InMemoryWatchlistPublisher();
    const app = Fastify();
    await app.register(watchlistRoutes, { publisher });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      expect((await fetch(`${base}/v1/watchlists/manifest`)).status).toBe(404);
      const b = buildBundleFromDir(dir, { keyId: 'k1', privateKey }, 'v7');
      publisher.publish(b);
      const m = await (await fetch(`${base}/v1/watchlists/manifest`)).json();
      expect(m).toEqual(JSON.parse(JSON.stringify(b.manifest)));
      const body = Buffer.from(await (await fetch(`${base}/v1/watchlists/bundle/v7`)).arrayBuffer());
      expect(body.equals(b.body)).toBe(true);
      expect((await fetch(`${base}/v1/watchlists/bundle/v6`)).status).toBe(404);
    } finally {
      await app.close();
    }
  });
});
