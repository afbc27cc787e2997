import { afterEach, describe, expect, it } from 'vitest';
import { StoreErrorCode } from './errors';
import { MemoryKeyStore } from './keys/test-key-store';
import { Store } from './store';
import { tempDir, TEST_AADHAAR } from './test-support/fixtures';

const cleanups: Array<() => void> = [];
afterEach(() => { while (cleanups.length) cleanups.pop()!(); });
async function open() {
  const t = tempDir();
  const store = await Store.open({ dataDir: t.dir, mode: 'development', keyStore: new MemoryKeyStore() });
  cleanups.push(() => { store.close(); t.cleanup(); });
  return store;
}
const actor = { agentId: 'agent-1', purpose: 'test' };

describe('Aadhaar vault', () => {
  it('stores a number under a reference key, masks elsewhere, and audits every read', async () => {
    const store = await open();
    const ref = store.vault.put(`${TEST_AADHAAR.slice(0, 4)} ${TEST_AADHAAR.slice(4, 8)} ${TEST_AADHAAR.slice(8)}`, actor);
    expect(ref).toMatchObject({ kind: 'aadhaar', last4: '2346', masked: 'XXXX XXXX 2346' });
    expect(ref.keyedHash).toMatch(/^[0-9a-f]{64}$/);
    expect(store.vault.put(TEST_AADHAAR, actor).refKey).toBe(ref.refKey); // one reference key per number
    const before = store.audit.count();
    expect(store.vault.reveal(ref.refKey, { agentId: 'agent-2', purpose: 'ckyc-upload' })).toBe(TEST_AADHAAR);
    const last = store.audit.list({ afterSeq: before })[0]!;
    expect(last).toMatchObject({ action: 'vault.read', agentId: 'agent-2', subjectRef: ref.refKey, details: { purpose: 'ckyc-upload' } });
    // The ciphertext column does not hold the digits.
    const blob = store.db.prepare('SELECT ciphertext FROM aadhaar_vault').pluck().get() as Buffer;
    expect(blob.includes(Buffer.from(TEST_AADHAAR))).toBe(false);
  });

  it('keyed hash is an HMAC, not a plain hash: another vault secret gives another hash', async () => {
    const a = await open();
    const b = await open();
    expect(a.vault.hashOf(TEST_AADHAAR)).toBe(a.vault.hashOf(TEST_AADHAAR));
    expect(a.vault.hashOf(TEST_AADHAAR)).not.toBe(b.vault.hashOf(TEST_AADHAAR));
  });

  it('refuses invalid numbers with a clear error that does not echo them', async () => {
    const store = await open();
    expect(() => store.vault.put('234123412347', actor)).toThrow(expect.objectContaining({ code: StoreErrorCode.VAULT_BAD_ID, message: expect.not.stringContaining('234123412347') }));
    expect(() => store.vault.put('12345', actor)).toThrow(expect.objectContaining({ code: StoreErrorCode.VAULT_BAD_ID }));
  });

  it('detects a ciphertext moved to another reference key (the reference key is the AAD)', async () => {
    const store = await open();
    const a = store.vault.put(TEST_AADHAAR, actor);
    const other = '999999990019';
    const b = store.vault.put(other, actor);
    const blobA = store.db.prepare('SELECT ciphertext FROM aadhaar_vault WHERE ref_key = ?').pluck().get(a.refKey);
    store.db.prepare('UPDATE aadhaar_vault SET ciphertext = ? WHERE ref_key = ?').run(blobA, b.refKey);
    expect(() => store.vault.reveal(b.refKey, actor)).toThrow(expect.objectContaining({ code: StoreErrorCode.VAULT_TAMPERED }));
    // The refused read is on record too.
    expect(store.audit.list({ subjectRef: b.refKey }).map((e) => e.action)).toContain('vault.read');
  });

  it('audits a read of a missing entry and removal', async () => {
    const store = await open();
    expect(() => store.vault.reveal('adv_nope', actor)).toThrow(expect.objectContaining({ code: StoreErrorCode.NOT_FOUND }));
    expect(store.audit.list({ subjectRef: 'adv_nope' }).map((e) => e.action)).toEqual(['vault.read.missing']);
    const ref = store.vault.put(TEST_AADHAAR, actor);
    expect(store.vault.remove(ref.refKey, actor)).toBe(true);
    expect(store.vault.has(ref.refKey)).toBe(false);
  });
});
