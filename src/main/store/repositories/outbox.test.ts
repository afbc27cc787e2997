import { afterEach, describe, expect, it } from 'vitest';
import { StoreErrorCode } from '../errors';
import { MemoryKeyStore } from '../keys/test-key-store';
import { Store } from '../store';
import { tempDir } from '../test-support/fixtures';

const cleanups: Array<() => void> = [];
afterEach(() => { while (cleanups.length) cleanups.pop()!(); });

async function open() {
  const t = tempDir();
  let now = new Date('2026-01-01T00:00:00Z');
  const clock = { advance: (ms: number) => { now = new Date(now.getTime() + ms); }, now: () => now };
  const store = await Store.open({ dataDir: t.dir, mode: 'development', keyStore: new MemoryKeyStore(), clock: () => clock.now() });
  cleanups.push(() => { store.close(); t.cleanup(); });
  return { store, clock };
}

describe('outbox', () => {
  it('claims FIFO per record: a later row waits while an earlier row of its record is in flight or rejected', async () => {
    const { store } = await open();
    const a1 = store.outbox.enqueue({ recordType: 'kyc_record', recordId: 'A', payload: { n: 1 } });
    const b1 = store.outbox.enqueue({ recordType: 'kyc_record', recordId: 'B', payload: { n: 1 } });
    const a2 = store.outbox.enqueue({ recordType: 'audit', recordId: 'A', payload: { n: 2 } });
    const first = store.outbox.claimBatch({ limit: 10 });
    expect(first.map((i) => i.id)).toEqual([a1.id, b1.id]);
    expect(first[0]).toMatchObject({ state: 'sending', attempts: 1 });
    expect(store.outbox.claimBatch()).toEqual([]);
    store.outbox.markRejected(a1.id, 'field dob invalid');
    expect(store.outbox.claimBatch()).toEqual([]); // A2 parked behind the rejected A1
    store.outbox.markApplied(b1.id, 'srv-1');
    store.outbox.retry(a1.id);
    expect(store.outbox.claimBatch().map((i) => i.id)).toEqual([a1.id]);
    store.outbox.markDuplicate(a1.id);
    expect(store.outbox.claimBatch().map((i) => i.id)).toEqual([a2.id]);
    expect(store.outbox.get(b1.id)).toMatchObject({ state: 'applied', serverRef: 'srv-1' });
  });

  it('returns a transient failure to pending at the retry time, and an expired lease to pending', async () => {
    const { store, clock } = await open();
    const x = store.outbox.enqueue({ recordType: 'kyc_record', recordId: 'X', payload: {} });
    store.outbox.claimBatch({ leaseMs: 30_000 });
    store.outbox.markFailed(x.id, 'ECONNREFUSED', new Date(clock.now().getTime() + 5_000));
    expect(store.outbox.claimBatch()).toEqual([]);
    clock.advance(5_000);
    expect(store.outbox.claimBatch({ leaseMs: 30_000 }).map((i) => i.attempts)).toEqual([2]);
    clock.advance(30_001); // the sender died holding the lease
    expect(store.outbox.claimBatch().map((i) => [i.id, i.attempts])).toEqual([[x.id, 3]]);
    expect(store.outbox.get(x.id).lastError).toBe('ECONNREFUSED');
  });

  it('keeps idempotency keys unique, refuses impossible transitions, and counts the queue', async () => {
    const { store } = await open();
    const a = store.outbox.enqueue({ recordType: 'kyc_record', recordId: 'A', payload: { x: 1 }, idempotencyKey: 'k-1' });
    expect(() => store.outbox.enqueue({ recordType: 'kyc_record', recordId: 'A', payload: {}, idempotencyKey: 'k-1' })).toThrow(/UNIQUE/);
    expect(() => store.outbox.retry(a.id)).toThrow(expect.objectContaining({ code: StoreErrorCode.BAD_STATE }));
    expect(() => store.outbox.markApplied(999)).toThrow(expect.objectContaining({ code: StoreErrorCode.NOT_FOUND }));
    store.outbox.enqueue({ recordType: 'kyc_record', recordId: 'B', payload: {} });
    store.outbox.claimBatch({ limit: 1 });
    store.outbox.markRejected(a.id, 'bad');
    expect(store.outbox.stats()).toMatchObject({ pending: 1, sending: 0, rejected: 1, applied: 0 });
    expect(store.outbox.listByState('rejected')[0]).toMatchObject({ rejectionReason: 'bad', payload: { x: 1 } });
  });
});
