import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHost } from '../../../test/support/host';
import type { ChannelName } from '../../shared/ipc';
import type { Result } from '../../shared/result';
import { dispatch } from '../dispatch';
import { createHandlers } from '../handlers';
import type { Host } from '../host';

// The kyc service through the real contract: dispatch parses inputs and outputs exactly as the bridges do.
describe('kyc service through the IPC contract', () => {
  let host: Host;
  let call: (conn: string, channel: ChannelName, input?: unknown) => Promise<Result<any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const ok = async (conn: string, channel: ChannelName, input?: unknown) => {
    const r = await call(conn, channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };

  beforeAll(async () => {
    host = await createTestHost();
    const handlers = createHandlers(host);
    call = (conn, channel, input) => dispatch(handlers, channel, input, { transport: 'test', connectionId: conn });
    await ok('sup1', 'agents:setup', { employeeId: 'SUP-1', name: 'Asha', password: 'supervisor-1', pin: '1111' });
    await ok('sup1', 'agents:create', { employeeId: 'SUP-2', name: 'Meena', role: 'supervisor', password: 'supervisor-2' });
    await ok('sup1', 'agents:create', { employeeId: 'AGT-1', name: 'Ravi', role: 'agent', password: 'agent-pass-1', pin: '2222' });
    await ok('agt', 'agents:login', { employeeId: 'AGT-1', kind: 'pin', secret: '2222' });
    await ok('sup2', 'agents:login', { employeeId: 'SUP-2', kind: 'password', secret: 'supervisor-2' });
  });
  afterAll(() => host.close());

  async function caseWithConsent(granted: (p: string) => boolean = () => true) {
    const text = await ok('agt', 'kyc:consent-text', { language: 'hi' });
    const { caseId } = await ok('agt', 'kyc:start', { language: 'hi' });
    await ok('agt', 'kyc:consent', { caseId, language: 'hi', version: text.version, channel: 'screen', items: text.items.map((i: { purpose: string; hash: string }) => ({ purpose: i.purpose, hash: i.hash, granted: granted(i.purpose) })) });
    return { caseId, text };
  }
  const identity = { name: 'Test Resident', maskedId: 'XXXX XXXX 1234', last4: '1234' };
  const evidence = (method: string) => ({ method, summary: 'UIDAI signature valid', verified: true, verifiedAt: new Date().toISOString() });
  const clearAml = { level: 'clear', reasons: [], matches: [], requiresReview: false };

  it('refuses every kyc call without a logged-in agent', async () => {
    const r = await call('nobody', 'kyc:start', { language: 'en' });
    expect(r.ok ? '' : r.error.code).toBe('E_AGENT_NOT_LOGGED_IN');
  });

  it('serves consent texts in three languages with a SHA-256 per item, and refuses a hash that does not match', async () => {
    for (const language of ['en', 'hi', 'ta']) {
      const t = await ok('agt', 'kyc:consent-text', { language });
      expect(t.items.length).toBeGreaterThanOrEqual(5);
      expect(t.items.every((i: { hash: string }) => /^[0-9a-f]{64}$/.test(i.hash))).toBe(true);
    }
    const { caseId } = await ok('agt', 'kyc:start', { language: 'en' });
    const r = await call('agt', 'kyc:consent', { caseId, language: 'en', version: '2025.1', channel: 'screen', items: [{ purpose: 'aadhaar-auth', granted: true, hash: '0'.repeat(64) }] });
    expect(r.ok ? '' : r.error.code).toBe('E_KYC_CONSENT_MISMATCH');
  });

  it('declining Aadhaar consent blocks Aadhaar methods but leaves the alternate-ID path open', async () => {
    const { caseId } = await caseWithConsent((p) => p !== 'aadhaar-auth' && p !== 'offline-verification');
    const r = await call('agt', 'kyc:method', { caseId, method: 'otp' });
    expect(r.ok ? '' : r.error.code).toBe('E_KYC_NO_CONSENT');
    expect((await ok('agt', 'kyc:method', { caseId, method: 'alternate-id' })).method).toBe('alternate-id');
  });

  it('approves a clean case only after the face match, and issues a PDF receipt with masked data', async () => {
    const { caseId } = await caseWithConsent();
    await ok('agt', 'kyc:method', { caseId, method: 'secure-qr' });
    await ok('agt', 'kyc:identity', { caseId, identity, evidence: evidence('secure-qr') });
    await ok('agt', 'kyc:pan', { caseId, pan: { status: 'verified', masked: 'ABCDE****F' } });
    await ok('agt', 'kyc:aml', { caseId, aml: clearAml });
    const early = await call('agt', 'kyc:decide', { caseId, decision: { decision: 'approve' } });
    expect(early.ok ? '' : early.error.code).toBe('E_KYC_NEEDS_REVIEW');
    await ok('agt', 'kyc:review', { caseId, faceMatch: true });
    expect((await ok('agt', 'kyc:decide', { caseId, decision: { decision: 'approve' } })).status).toBe('approved');
    const receipt = await ok('agt', 'kyc:receipt', { caseId });
    expect(receipt.maskedId).toBe('XXXX XXXX 1234');
    const pdf = Buffer.from(receipt.pdfBase64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(receipt.consents.length).toBeGreaterThan(0);
  });

  it('maker-checker: an AML hit must be referred; its maker cannot approve it; another supervisor re-authenticates and approves', async () => {
    // The first supervisor makes the case.
    const text = await ok('sup1', 'kyc:consent-text', { language: 'en' });
    const { caseId } = await ok('sup1', 'kyc:start', { language: 'en' });
    await ok('sup1', 'kyc:consent', { caseId, language: 'en', version: text.version, channel: 'read-out', items: text.items.map((i: { purpose: string; hash: string }) => ({ purpose: i.purpose, hash: i.hash, granted: true })) });
    await ok('sup1', 'kyc:method', { caseId, method: 'offline-xml' });
    await ok('sup1', 'kyc:identity', { caseId, identity, evidence: evidence('offline-xml') });
    await ok('sup1', 'kyc:review', { caseId, faceMatch: true });
    await ok('sup1', 'kyc:aml', { caseId, aml: { level: 'high', reasons: ['name match on UNSC list'], matches: [{ name: 'X', list: 'UNSC', score: 0.93 }], requiresReview: true } });
    const direct = await call('sup1', 'kyc:decide', { caseId, decision: { decision: 'approve' } });
    expect(direct.ok ? '' : direct.error.code).toBe('E_KYC_NEEDS_REVIEW');
    await ok('sup1', 'kyc:decide', { caseId, decision: { decision: 'refer', note: 'possible UNSC match' } });
    const own = await call('sup1', 'kyc:review-decide', { caseId, decision: 'approve', kind: 'pin', secret: '1111' });
    expect(own.ok ? '' : own.error.code).toBe('E_KYC_MAKER_CHECKER');
    const wrong = await call('sup2', 'kyc:review-decide', { caseId, decision: 'approve', kind: 'password', secret: 'wrong-password' });
    expect(wrong.ok ? '' : wrong.error.code).toBe('E_AGENT_BAD_CREDENTIALS');
    const agentTry = await call('agt', 'kyc:referred');
    expect(agentTry.ok ? '' : agentTry.error.code).toBe('E_AGENT_FORBIDDEN');
    expect((await ok('sup2', 'kyc:referred')).map((c: { caseId: string }) => c.caseId)).toContain(caseId);
    const done = await ok('sup2', 'kyc:review-decide', { caseId, decision: 'approve', kind: 'password', secret: 'supervisor-2' });
    expect(done.status).toBe('approved');
    const audit = await ok('sup2', 'agents:audit', { limit: 200 });
    const actions = audit.filter((e: { subject: string }) => e.subject === caseId).map((e: { action: string; actorId: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['kyc.refer', 'kyc.maker-checker-refused', 'kyc.review-approve']));
    expect(audit.every((e: { action: string; actorId: string | null }) => !e.action.startsWith('kyc.') || e.actorId)).toBe(true);
  });

  it('on the store: a draft is no record; the decision commits record + consents + audit + outbox together; a review decision queues again', async () => {
    const { caseId } = await caseWithConsent();
    const store = host.store;
    // Consent rows and audit entries are on disk at once; the record only at the decision.
    expect(store.consents.listForSession(caseId).length).toBeGreaterThan(0);
    expect(store.records.find(caseId)).toBeNull();
    await ok('agt', 'kyc:method', { caseId, method: 'secure-qr' });
    await ok('agt', 'kyc:identity', { caseId, identity, evidence: evidence('secure-qr') });
    await ok('agt', 'kyc:review', { caseId, faceMatch: true });
    await ok('agt', 'kyc:aml', { caseId, aml: { level: 'low', reasons: [], matches: [{ name: 'Y', list: 'UN', score: 0.9 }], requiresReview: true } });
    await ok('agt', 'kyc:decide', { caseId, decision: { decision: 'refer', note: 'potential match' } });
    const record = store.records.get(caseId);
    expect(record).toMatchObject({ method: 'qr', status: 'pending', statusReason: 'referred', aadhaarLast4: '1234', agentId: expect.any(String) });
    const saved = store.audit.list({ subjectRef: caseId }).map((e) => e.action);
    expect(saved).toEqual(expect.arrayContaining(['kyc.start', 'kyc.consent', 'kyc.record.saved', 'kyc.refer']));
    const outbox = store.outbox.listForRecord(caseId);
    expect(outbox).toHaveLength(1);
    // The record.saved entry names the very outbox row written with it.
    expect(store.audit.list({ subjectRef: caseId }).find((e) => e.action === 'kyc.record.saved')?.details.outboxId).toBe(outbox[0]!.id);
    expect(store.consents.listForRecord(caseId).length).toBeGreaterThan(0);
    await ok('sup2', 'kyc:review-decide', { caseId, decision: 'reject', reason: 'confirmed match', kind: 'password', secret: 'supervisor-2' });
    expect(store.records.get(caseId)).toMatchObject({ status: 'rejected', statusReason: 'confirmed match' });
    expect(store.outbox.listForRecord(caseId)).toHaveLength(2);
    expect((await ok('sup2', 'kyc:referred')).map((c: { caseId: string }) => c.caseId)).not.toContain(caseId);
    expect(store.audit.verify().ok).toBe(true);
  });

  it('a rejection needs a reason and counts in today\'s figures', async () => {
    const { caseId } = await caseWithConsent();
    const bad = await call('agt', 'kyc:decide', { caseId, decision: { decision: 'reject', reason: '  ' } });
    expect(bad.ok ? '' : bad.error.code).toBe('E_IPC_BAD_INPUT');
    await ok('agt', 'kyc:decide', { caseId, decision: { decision: 'reject', reason: 'customer left' } });
    const stats = await ok('agt', 'kyc:stats');
    expect(stats.rejected).toBeGreaterThanOrEqual(1);
    expect(stats.approved).toBeGreaterThanOrEqual(2);
  });

  it('refuses another agent\'s case', async () => {
    const { caseId } = await caseWithConsent();
    const r = await call('sup2', 'kyc:method', { caseId, method: 'otp' });
    expect(r.ok ? '' : r.error.code).toBe('E_KYC_NOT_YOUR_CASE');
  });
});
