import { afterEach, describe, expect, it } from 'vitest';
import { MemoryKeyStore } from '../keys/test-key-store';
import { Store } from '../store';
import { tempDir, TEST_AADHAAR } from '../test-support/fixtures';
import { entryHash } from './chain';

const cleanups: Array<() => void> = [];
afterEach(() => { while (cleanups.length) cleanups.pop()!(); });

async function storeWith(entries: number) {
  const t = tempDir();
  const store = await Store.open({ dataDir: t.dir, mode: 'development', keyStore: new MemoryKeyStore() });
  cleanups.push(() => { store.close(); t.cleanup(); });
  store.transaction('seed', () => {
    for (let i = 1; i <= entries; i++) store.audit.append({ action: 'test.event', agentId: 'agent-1', subjectRef: `rec-${i}`, details: { i } });
  });
  return store;
}

/** What an attacker holding the database key can do: drop the triggers, edit, optionally re-hash. */
function dropTriggers(store: Store) {
  store.db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
}

describe('audit chain', () => {
  it('chains entries from the genesis hash and verifies an intact log', async () => {
    const store = await storeWith(50);
    const [first, second] = store.audit.list({ limit: 2 });
    expect(first!.prevHash).toBe('0'.repeat(64));
    expect(second!.prevHash).toBe(first!.hash);
    expect(store.audit.verify()).toEqual({ ok: true, checked: 50, head: store.audit.head() });
  });

  it('refuses UPDATE and DELETE through the triggers', async () => {
    const store = await storeWith(3);
    expect(() => store.db.prepare(`UPDATE audit_log SET action = 'x' WHERE seq = 2`).run()).toThrow(/append-only/);
    expect(() => store.db.prepare(`DELETE FROM audit_log WHERE seq = 3`).run()).toThrow(/append-only/);
  });

  it('finds a row edited with the key (triggers dropped) at that entry', async () => {
    const store = await storeWith(100);
    dropTriggers(store);
    store.db.prepare(`UPDATE audit_log SET details_json = '{"i":999}' WHERE seq = 37`).run();
    expect(store.audit.verify()).toMatchObject({ ok: false, checked: 36, firstBroken: { seq: 37, reason: 'hash_mismatch' } });
  });

  it('finds an edited row whose hash the attacker recomputed, still at that entry', async () => {
    const store = await storeWith(100);
    dropTriggers(store);
    const row = store.db.prepare('SELECT * FROM audit_log WHERE seq = 37').get() as { at: string; agent_id: string; subject_ref: string; prev_hash: string };
    const forged = entryHash(row.prev_hash, 37, row.at, row.agent_id, 'test.event', row.subject_ref, '{"i":-1}');
    store.db.prepare(`UPDATE audit_log SET details_json = '{"i":-1}', hash = ? WHERE seq = 37`).run(forged);
    expect(store.audit.verify()).toMatchObject({ ok: false, firstBroken: { seq: 37, reason: 'hash_mismatch' } });
  });

  it('finds a deleted entry, a broken link, and a truncated tail against the acknowledged head', async () => {
    const store = await storeWith(20);
    const ackHead = store.audit.list({ afterSeq: 19, limit: 1 })[0]!;
    dropTriggers(store);
    store.db.prepare('UPDATE audit_log SET prev_hash = ? WHERE seq = 12').run('f'.repeat(64));
    expect(store.audit.verify()).toMatchObject({ ok: false, firstBroken: { seq: 12, reason: 'link_mismatch' } });
    store.db.prepare('DELETE FROM audit_log WHERE seq = 5').run();
    expect(store.audit.verify()).toMatchObject({ ok: false, firstBroken: { seq: 5, reason: 'missing_entry' } });

    const other = await storeWith(20);
    const head = other.audit.head()!;
    dropTriggers(other);
    other.db.prepare('DELETE FROM audit_log WHERE seq >= 18').run();
    expect(other.audit.verify().ok).toBe(true);
    expect(other.audit.verify(head)).toMatchObject({ ok: false, firstBroken: { seq: 18, reason: 'missing_entry' } });
    expect(ackHead.seq).toBe(20);
  });

  it('stores sanitised details: no identity field and no Verhoeff-valid number reaches the chain', async () => {
    const store = await storeWith(0);
    const e = store.audit.append({
      action: 'kyc.note', subjectRef: 'rec-1',
      details: { aadhaar: TEST_AADHAAR, otp: '123456', nested: { pidBlock: 'xyz', note: `customer said ${TEST_AADHAAR.replace(/(\d{4})/g, '$1 ').trim()}` }, count: 3 },
    });
    expect(e.details).toEqual({ count: 3, nested: { note: 'customer said XXXX XXXX 2346' } });
    const raw = store.db.prepare('SELECT details_json FROM audit_log WHERE seq = ?').pluck().get(e.seq) as string;
    expect(raw).not.toContain(TEST_AADHAAR);
    expect(raw).not.toContain('123456');
  });
});
