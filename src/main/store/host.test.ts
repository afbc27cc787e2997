import { afterEach, describe, expect, it } from 'vitest';
import { KioskError } from '../../shared/errors';
import { loadConfig } from '../config';
import { createHost, type Host } from '../host';
import { StoreErrorCode } from './errors';
import { MemoryKeyStore } from './keys/test-key-store';
import { LATEST_VERSION } from './migrations';
import { tempDir } from './test-support/fixtures';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => { while (cleanups.length) await cleanups.pop()!(); });

async function host(keyStore?: MemoryKeyStore): Promise<Host> {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const h = await createHost({ config: loadConfig({ dataDir: t.dir, demoPeers: false, mode: 'development' }, {}), runtime: 'web', ...(keyStore ? { keyStore } : {}) });
  cleanups.push(() => h.close());
  return h;
}

describe('store service in the host', () => {
  it('opens the encrypted store from config.dataDir and reports it healthy', async () => {
    const h = await host();
    expect(h.store.status()).toMatchObject({ current: LATEST_VERSION, latest: LATEST_VERSION, keyStore: 'file (tests and demo only)' });
    const health = await h.checkHealth();
    expect(health.services.find((s) => s.name === 'store')).toMatchObject({ status: 'up' });
  });

  it('still starts when the key store is unavailable; the store is a handled state with a clear message', async () => {
    const ks = new MemoryKeyStore();
    ks.unavailable = true;
    const h = await host(ks);
    let error: unknown;
    try { void h.store; } catch (e) { error = e; }
    expect(error).toBeInstanceOf(KioskError);
    expect((error as KioskError).code).toBe(StoreErrorCode.KEY_UNAVAILABLE);
    const health = await h.checkHealth();
    expect(health.services.find((s) => s.name === 'store')).toMatchObject({ status: 'down', detail: expect.stringMatching(/cannot reach its key store/) });
  });
});
