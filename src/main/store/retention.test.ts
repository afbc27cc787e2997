import { afterEach, describe, expect, it } from 'vitest';
import { StoreErrorCode } from './errors';
import { MemoryKeyStore } from './keys/test-key-store';
import { Store } from './store';
import { sampleOnboarding, seedAgent, tempDir, TEST_AADHAAR } from './test-support/fixtures';

const DAY = 86_400_000;
const cleanups: Array<() => void> = [];
afterEach(() => { while (cleanups.length) cleanups.pop()!(); });

async function open() {
  const t = tempDir();
  let now = new Date('2026-03-01T10:00:00Z');
  const clock = { advance: (ms: number) => { now = new Date(now.getTime() + ms); } };
  const store = await Store.open({ dataDir: t.dir, mode: 'development', keyStore: new MemoryKeyStore(), clock: () => now, retention: { kycPersonalDataDays: 7, pidBufferTtlSeconds: 60 } });
  cleanups.push(() => { store.close(); t.cleanup(); });
  seedAgent(store);
  return { store, clock };
}

function onboard(store: Store) {
  const ref = store.vault.put(TEST_AADHAAR, { agentId: 'agent-1', purpose: 'onboarding' });
  const done = store.onboardings.commit({
    ...sampleOnboarding({ aadhaarVaultRef: ref.refKey, aadhaarKeyedHash: ref.keyedHash }),
    verifications: [{ id: `v-${Math.random()}`, transactionId: `t-${Math.random()}`, method: 'qr', verificationStatus: 'verified', aadhaarVaultRef: ref.refKey, address: { line: 'x' }, photoRef: 'p' }],
  });
  return { ...done, ref };
}

describe('retention', () => {
  it('purges personal data N days after server confirmation, keeps audit metadata, audits the purge', async () => {
    const { store, clock } = await open();
    const { record, outbox, ref } = onboard(store);
    const unconfirmed = onboard(store).record; // shares the vault entry: it must survive
    store.outbox.claimBatch();
    store.outbox.markApplied(outbox.id);
    store.records.markServerConfirmed(record.id);
    clock.advance(6 * DAY);
    expect(store.retention.run().kycRecordsPurged).toBe(0);
    clock.advance(1 * DAY + 1);
    expect(store.retention.run()).toMatchObject({ kycRecordsPurged: 1 });
    const after = store.records.get(record.id);
    expect(after).toMatchObject({ customerName: null, dateOfBirth: null, details: null, aadhaarVaultRef: null, aadhaarLast4: '2346', status: 'approved' });
    expect(after.personalDataPurgedAt).not.toBeNull();
    expect(store.verifications.listForRecord(record.id)[0]).toMatchObject({ address: null, photoRef: null });
    expect(store.outbox.get(outbox.id).payload).toBeNull();
    expect(store.vault.has(ref.refKey)).toBe(true); // still used by the unconfirmed record
    expect(store.records.get(unconfirmed.id).customerName).toBe('Asha Devi');
    expect(store.audit.list({ subjectRef: record.id }).map((e) => e.action)).toContain('retention.purge');
    expect(store.audit.verify().ok).toBe(true);
  });

  it('skips records under legal hold and refuses their erasure (audited); erases others and parks unsent rows visibly', async () => {
    const { store, clock } = await open();
    const held = onboard(store);
    store.records.setLegalHold(held.record.id, true, 'PMLA investigation');
    store.records.markServerConfirmed(held.record.id);
    clock.advance(30 * DAY);
    expect(store.retention.run()).toMatchObject({ kycRecordsPurged: 0, kycRecordsHeld: 1 });
    expect(() => store.retention.erase(held.record.id, { agentId: 'agent-1', reason: 'customer request' })).toThrow(expect.objectContaining({ code: StoreErrorCode.LEGAL_HOLD }));
    expect(store.audit.list({ subjectRef: held.record.id }).map((e) => e.action)).toContain('retention.erasure.refused');
    expect(store.records.get(held.record.id).customerName).toBe('Asha Devi');

    const other = onboard(store);
    expect(store.retention.erase(other.record.id, { agentId: 'agent-1', reason: 'consent withdrawn' })).toEqual({ erased: true, unsentOutboxRows: 1 });
    expect(store.records.get(other.record.id)).toMatchObject({ customerName: null });
    expect(store.outbox.get(other.outbox.id)).toMatchObject({ state: 'rejected', payload: null, rejectionReason: expect.stringMatching(/erased/) });
    expect(() => store.outbox.retry(other.outbox.id)).toThrow(expect.objectContaining({ code: StoreErrorCode.BAD_STATE }));
  });

  it('purges PID buffers on send and after their TTL, with an audit entry', async () => {
    const { store, clock } = await open();
    const sent = store.pidBuffer.put('s1', Buffer.from('encrypted-pid-1'));
    store.pidBuffer.put('s2', Buffer.from('encrypted-pid-2'));
    expect(store.pidBuffer.take(sent.id)?.toString()).toBe('encrypted-pid-1');
    expect(store.pidBuffer.take(sent.id)).toBeNull();
    clock.advance(61_000);
    expect(store.retention.run().pidBuffersPurged).toBe(1);
    expect(store.pidBuffer.count()).toBe(0);
    expect(store.audit.list().filter((e) => e.action === 'retention.purge').map((e) => e.details)).toContainEqual({ class: 'pid_buffer', count: 1, rule: '60 s TTL' });
  });
  it('deletes onboarding drafts left without progress past draftMaxAgeDays, one audited purge per case', async () => {
    const { store, clock } = await open();
    const draft = (caseId: string, step: 'started' | 'consented') => store.drafts.save({
      caseId, reference: `REF-${caseId}`, branchId: 'BR-1', agentId: 'agent-1', agentName: 'Ravi', language: 'en', step,
      consent: null, method: null, maskedId: null, idLast4: null, verificationRef: null,
    });
    draft('abandoned', 'started');
    draft('active', 'started');
    clock.advance(6 * DAY);
    draft('active', 'consented'); // progress resets its age
    expect(store.retention.run().draftsPurged).toBe(0);
    clock.advance(1 * DAY + 1);
    expect(store.retention.run().draftsPurged).toBe(1);
    expect(store.drafts.get('abandoned')).toBeNull();
    expect(store.drafts.get('active')).toMatchObject({ step: 'consented' });
    expect(store.audit.list({ subjectRef: 'abandoned' }).filter((e) => e.action === 'retention.purge').map((e) => e.details))
      .toEqual([{ class: 'kyc_draft', step: 'started', rule: '7 days without progress' }]);
    expect(store.retention.run().draftsPurged).toBe(0); // nothing left to purge, nothing audited twice
    clock.advance(6 * DAY);
    expect(store.retention.run().draftsPurged).toBe(1);
    expect(store.drafts.list()).toEqual([]);
    expect(store.audit.verify().ok).toBe(true);
  });

  it('takes the draft age from the policy', async () => {
    const t = tempDir();
    let now = new Date('2026-03-01T10:00:00Z');
    const store = await Store.open({ dataDir: t.dir, mode: 'development', keyStore: new MemoryKeyStore(), clock: () => now, retention: { draftMaxAgeDays: 2 } });
    cleanups.push(() => { store.close(); t.cleanup(); });
    seedAgent(store);
    expect(store.retention.policy.draftMaxAgeDays).toBe(2);
    store.drafts.save({ caseId: 'c1', reference: 'REF-1', branchId: 'BR-1', agentId: 'agent-1', agentName: 'Ravi', language: 'hi', step: 'started', consent: null, method: null, maskedId: null, idLast4: null, verificationRef: null });
    now = new Date(now.getTime() + 2 * DAY + 1);
    expect(store.retention.run().draftsPurged).toBe(1);
    expect(store.audit.list({ subjectRef: 'c1' }).map((e) => e.details)).toContainEqual({ class: 'kyc_draft', step: 'started', rule: '2 days without progress' });
  });
});
