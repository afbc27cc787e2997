/**
 * WrappedFileKeyStore with an AES-GCM wrapper standing in for Electron's
 * safeStorage (no Electron binary on this machine; the adapter in
 * src/main/electron/safe-storage.ts is four lines over the same port).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreErrorCode } from '../errors';
import { Store } from '../store';
import { tempDir } from '../test-support/fixtures';
import { assertKeyStoreAllowed } from './key-store';
import { chooseKeyStore } from './select';
import { FileKeyStore } from './test-key-store';
import { WrappedFileKeyStore, type SecretWrapper } from './wrapped-file-key-store';

const cleanups: Array<() => void> = [];
afterEach(() => { while (cleanups.length) cleanups.pop()!(); });

function aesWrapper(name: string, osKey = randomBytes(32)): SecretWrapper & { available: boolean } {
  return {
    available: true,
    backendName: () => name,
    isAvailable() { return this.available; },
    wrap(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', osKey, iv);
      const body = Buffer.concat([c.update(plain), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    unwrap(w) {
      const d = createDecipheriv('aes-256-gcm', osKey, w.subarray(0, 12));
      d.setAuthTag(w.subarray(12, 28));
      return Buffer.concat([d.update(w.subarray(28)), d.final()]);
    },
  };
}

describe('WrappedFileKeyStore (safeStorage port)', () => {
  it('keeps only wrapped keys on disk and reopens the store with them, in production mode', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const wrapper = aesWrapper('gnome_libsecret');
    const s = await Store.open({ dataDir: t.dir, mode: 'production', keyStore: new WrappedFileKeyStore(t.dir, wrapper) });
    s.close();
    const file = JSON.parse(readFileSync(`${t.dir}/keys.json`, 'utf8')) as { backend: string; secrets: Record<string, string> };
    expect(file.backend).toBe('gnome_libsecret');
    expect(Object.keys(file.secrets).sort()).toEqual(['database', 'vault']);
    (await Store.open({ dataDir: t.dir, mode: 'production', keyStore: new WrappedFileKeyStore(t.dir, wrapper) })).close();
    // The OS secret is gone (re-imaged laptop): a handled state.
    const e = await Store.open({ dataDir: t.dir, mode: 'production', keyStore: new WrappedFileKeyStore(t.dir, aesWrapper('gnome_libsecret')) }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: StoreErrorCode.KEY_UNAVAILABLE });
  });

  it('refuses the basic_text fallback and an unavailable OS encryption', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    await expect(Store.open({ dataDir: t.dir, mode: 'production', keyStore: new WrappedFileKeyStore(t.dir, aesWrapper('basic_text')) })).rejects.toMatchObject({ code: StoreErrorCode.KEY_UNAVAILABLE });
    const w = aesWrapper('kwallet5');
    w.available = false;
    await expect(Store.open({ dataDir: t.dir, mode: 'production', keyStore: new WrappedFileKeyStore(t.dir, w) })).rejects.toMatchObject({ code: StoreErrorCode.KEY_UNAVAILABLE, message: expect.stringMatching(/not available yet/) });
  });

  it('production never picks a test backend; demo defaults to the file backend', () => {
    expect(chooseKeyStore({ mode: 'production', dataDir: '/x', env: { VDEX_KEY_STORE: 'file' } }).backend).toMatch(/keytar/);
    expect(chooseKeyStore({ mode: 'demo', dataDir: '/x', env: {} }).forTestsOnly).toBe(true);
    expect(chooseKeyStore({ mode: 'development', dataDir: '/x', env: { VDEX_KEY_STORE: 'keytar' } }).backend).toMatch(/keytar/);
    expect(() => assertKeyStoreAllowed(new FileKeyStore('/x'), 'production')).toThrow(expect.objectContaining({ code: StoreErrorCode.TEST_KEYSTORE_IN_PRODUCTION }));
  });
});
