import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KioskError } from '../../shared/errors';
import { StoreErrorCode } from './errors';
import { FileKeyStore, MemoryKeyStore } from './keys/test-key-store';
import { Database } from './sqlite';
import { DATABASE_FILE, Store } from './store';
import { sampleOnboarding, seedAgent, tempDir, TEST_AADHAAR } from './test-support/fixtures';

const cleanups: Array<() => void> = [];
afterEach(() => { while (cleanups.length) cleanups.pop()!(); });

function setup() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

async function expectCode(p: Promise<unknown>, code: string) {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(KioskError);
  expect((e as KioskError).code).toBe(code);
  return e as KioskError;
}

describe('Store on a real SQLCipher file', () => {
  it('writes no SQLite header and no identity canary into the database or its WAL', async () => {
    const dataDir = setup();
    const store = await Store.open({ dataDir, mode: 'development', keyStore: new FileKeyStore(dataDir) });
    seedAgent(store);
    const canaryName = 'Canaryname Zyxwvut';
    const ref = store.vault.put(TEST_AADHAAR, { agentId: 'agent-1', purpose: 'test' });
    store.onboardings.commit({ ...sampleOnboarding({ customerName: canaryName, aadhaarVaultRef: ref.refKey, aadhaarKeyedHash: ref.keyedHash }) });
    // Read the files while the connection is open (the WAL still holds the commits).
    const files = readdirSync(dataDir).filter((f) => f.startsWith(DATABASE_FILE));
    expect(files).toContain(`${DATABASE_FILE}-wal`);
    for (const f of files) {
      const bytes = readFileSync(path.join(dataDir, f));
      expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
      expect(bytes.includes(Buffer.from(canaryName))).toBe(false);
      expect(bytes.includes(Buffer.from(TEST_AADHAAR))).toBe(false);
      expect(bytes.includes(Buffer.from('kyc_records'))).toBe(false);
    }
    store.close();
    // A plain SQLite open cannot read it.
    const plain = new Database(path.join(dataDir, DATABASE_FILE));
    expect(() => plain.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(/not a database|encrypted/);
    plain.close();
  });

  it('reopens with the same key and keeps the data', async () => {
    const dataDir = setup();
    const keyStore = new FileKeyStore(dataDir);
    const a = await Store.open({ dataDir, mode: 'development', keyStore });
    seedAgent(a);
    const { record } = a.onboardings.commit(sampleOnboarding());
    a.close();
    const b = await Store.open({ dataDir, mode: 'development', keyStore });
    expect(b.records.get(record.id).customerName).toBe('Asha Devi');
    expect(b.audit.verify().ok).toBe(true);
    expect(b.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(b.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(b.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    b.close();
  });

  it('reports a wrong key as a handled state and leaves the file untouched', async () => {
    const dataDir = setup();
    const keyStore = new MemoryKeyStore();
    (await Store.open({ dataDir, mode: 'development', keyStore })).close();
    const before = readFileSync(path.join(dataDir, DATABASE_FILE));
    const other = new MemoryKeyStore();
    await other.set('database', Buffer.alloc(32, 7));
    await other.set('vault', Buffer.alloc(32, 8));
    const e = await expectCode(Store.open({ dataDir, mode: 'development', keyStore: other }), StoreErrorCode.WRONG_KEY);
    expect(e.message).toMatch(/cannot be read with the key/);
    expect(readFileSync(path.join(dataDir, DATABASE_FILE)).equals(before)).toBe(true);
  });

  it('reports an unreachable or emptied key store as KEY_UNAVAILABLE, never making a new key for an existing file', async () => {
    const dataDir = setup();
    const keyStore = new MemoryKeyStore();
    (await Store.open({ dataDir, mode: 'development', keyStore })).close();
    keyStore.unavailable = true;
    await expectCode(Store.open({ dataDir, mode: 'development', keyStore }), StoreErrorCode.KEY_UNAVAILABLE);
    await expectCode(Store.open({ dataDir, mode: 'development', keyStore: new MemoryKeyStore() }), StoreErrorCode.KEY_UNAVAILABLE);
  });

  it('refuses a test key store in production mode', async () => {
    const dataDir = setup();
    await expectCode(Store.open({ dataDir, mode: 'production', keyStore: new FileKeyStore(dataDir) }), StoreErrorCode.TEST_KEYSTORE_IN_PRODUCTION);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('refuses a database written by a newer app, without touching it', async () => {
    const dataDir = setup();
    const keyStore = new MemoryKeyStore();
    const s = await Store.open({ dataDir, mode: 'development', keyStore });
    s.db.pragma('user_version = 99');
    s.close();
    const e = await expectCode(Store.open({ dataDir, mode: 'development', keyStore }), StoreErrorCode.DB_NEWER_THAN_APP);
    expect(e.message).toMatch(/newer version of the kiosk/);
  });
});
