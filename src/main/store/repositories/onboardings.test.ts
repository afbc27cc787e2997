import { afterEach, describe, expect, it } from 'vitest';
import { StoreErrorCode } from '../errors';
import { MemoryKeyStore } from '../keys/test-key-store';
import { Store } from '../store';
import { sampleOnboarding, seedAgent, tempDir, TEST_AADHAAR } from '../test-support/fixtures';

const cleanups: Array<() => void> = [];
afterEach(() => { while (cleanups.length) cleanups.pop()!(); });
async function open() {
  const t = tempDir();
  const store = await Store.open({ dataDir: t.dir, mode: 'development', keyStore: new MemoryKeyStore() });
  cleanups.push(() => { store.close(); t.cleanup(); });
  seedAgent(store);
  return store;
}
const counts = (s: Store) => Object.fromEntries(['kyc_records', 'aadhaar_verifications', 'aml_assessments', 'audit_log', 'outbox'].map((t) => [t, s.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get()]));

describe('onboarding write path', () => {
  it('writes record, verification, AML, consents, audit entries and the outbox row together', async () => {
    const store = await open();
    const ref = store.vault.put(TEST_AADHAAR, { agentId: 'agent-1', purpose: 'onboarding' });
    store.consents.insert({ id: 'c1', sessionId: 's1', purpose: 'aadhaar_offline_verification', textVersionHash: 'h', language: 'en', channel: 'screen_tap', granted: true, agentId: 'agent-1', givenAt: new Date().toISOString() });
    const input = sampleOnboarding({ aadhaarVaultRef: ref.refKey, aadhaarKeyedHash: ref.keyedHash });
    const done = store.onboardings.commit({
      ...input,
      verifications: [{ id: 'v1', transactionId: 'txn-1', method: 'qr', verificationStatus: 'verified', aadhaarMasked: ref.masked, aadhaarKeyedHash: ref.keyedHash, address: { pincode: '560001' } }],
      amlAssessments: [{ id: 'aml1', subjectRef: input.record.id, riskScore: 0.12, riskLevel: 'LOW', screenedAt: new Date().toISOString(), factors: [{ f: 'no match' }] }],
      consentSessionId: 's1',
    });
    expect(done.audit.map((e) => e.action)).toEqual(['kyc.record.saved', 'kyc.decision']);
    expect(done.outbox).toMatchObject({ recordId: input.record.id, state: 'pending', recordType: 'kyc_record' });
    const payload = done.outbox.payload as { record: { id: string }; verifications: unknown[]; amlAssessments: unknown[]; consents: unknown[] };
    expect(payload.record.id).toBe(input.record.id);
    expect([payload.verifications.length, payload.amlAssessments.length, payload.consents.length]).toEqual([1, 1, 1]);
    expect(JSON.stringify(payload)).not.toContain(TEST_AADHAAR);
    expect(store.verifications.get('v1').kycRecordId).toBe(input.record.id);
  });

  it('writes nothing at all when any part fails', async () => {
    const store = await open();
    store.onboardings.commit(sampleOnboarding());
    const before = counts(store);
    const bad = sampleOnboarding();
    const e = (() => { try { store.onboardings.commit({ ...bad, amlAssessments: [{ id: 'x', subjectRef: 's', riskScore: 7, riskLevel: 'LOW', screenedAt: 'now' }] }); } catch (err) { return err; } })();
    expect(e).toMatchObject({ code: StoreErrorCode.WRITE_FAILED });
    expect(counts(store)).toEqual(before);
    expect(store.audit.verify().ok).toBe(true);
  });

  it('disk full (max_page_count) gives a clear error, saves nothing, and leaves the file sound', async () => {
    const store = await open();
    store.onboardings.commit(sampleOnboarding());
    const pages = store.db.pragma('page_count', { simple: true }) as number;
    store.db.pragma(`max_page_count = ${pages}`);
    let error: unknown;
    let saved = 0;
    for (let i = 0; i < 200 && !error; i++) {
      try {
        store.onboardings.commit({ ...sampleOnboarding(), record: { ...sampleOnboarding().record, details: { filler: 'x'.repeat(2000) } } });
        saved++;
      } catch (e) { error = e; }
    }
    expect(error).toMatchObject({ code: StoreErrorCode.DISK_FULL, message: expect.stringMatching(/storage is full.*Nothing was saved/) });
    const after = counts(store);
    expect(after.kyc_records).toBe(1 + saved);
    expect(after.outbox).toBe(after.kyc_records);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(store.audit.verify().ok).toBe(true);
    store.db.pragma(`max_page_count = ${pages * 100}`);
    store.onboardings.commit(sampleOnboarding()); // works again once space is back
  });
});
