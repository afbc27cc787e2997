import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHost } from '../../../test/support/host';
import type { ChannelName } from '../../shared/ipc';
import { claimFromPan, claimFromPassport } from '../../shared/kyc/claims';
import type { PanResult } from '../../shared/kyc/verification';
import type { Result } from '../../shared/result';
import { dispatch } from '../dispatch';
import { createHandlers } from '../handlers';
import type { Host } from '../host';

// The case's cross-match on a real host and SQLCipher store. PAN/passport answers enter through
// host.kyc.documentChecked, exactly as the pan:verify / passport:verify handlers hand them over
// (those need the central API; the OTP + PAN e2e test covers that wiring in Chromium).
describe('kyc service: identity cross-matched with PAN and passport answers', () => {
  let host: Host;
  let call: (channel: ChannelName, input?: unknown, conn?: string) => Promise<Result<any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const ok = async (channel: ChannelName, input?: unknown, conn = 'agt') => {
    const r = await call(channel, input, conn);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  const identity = { name: 'Shri Ravi Kumar Sharma', dob: '1990-05-14', gender: 'M', maskedId: 'XXXX XXXX 4321', last4: '4321' };
  const evidence = { method: 'otp', summary: 'OTP verified by UIDAI', verified: true, verifiedAt: new Date().toISOString() };
  const clearAml = { level: 'clear', reasons: [], matches: [], requiresReview: false };
  const pan = (over: Partial<PanResult>): PanResult => ({ status: 'verified', maskedPan: 'XXXXX1234X', provider: 'idfy', ...over });
  const who = () => host.agents.require('agt');

  async function identifiedCase(method = 'otp') {
    const text = await ok('kyc:consent-text', { language: 'en' });
    const { caseId } = await ok('kyc:start', { language: 'en' });
    await ok('kyc:consent', { caseId, language: 'en', version: text.version, channel: 'screen', items: text.items.map((i: { purpose: string; hash: string }) => ({ purpose: i.purpose, hash: i.hash, granted: true })) });
    await ok('kyc:method', { caseId, method });
    await ok('kyc:identity', { caseId, identity, evidence: { ...evidence, method } });
    await ok('kyc:review', { caseId, faceMatch: true });
    return caseId as string;
  }

  beforeAll(async () => {
    host = await createTestHost();
    const handlers = createHandlers(host);
    call = (channel, input, conn = 'agt') => dispatch(handlers, channel, input, { transport: 'test', connectionId: conn });
    await ok('agents:setup', { employeeId: 'SUP-1', name: 'Asha', password: 'supervisor-1', pin: '1111' }, 'sup');
    await ok('agents:create', { employeeId: 'AGT-1', name: 'Ravi', role: 'agent', password: 'agent-pass-1', pin: '2222' }, 'sup');
    await ok('agents:login', { employeeId: 'AGT-1', kind: 'pin', secret: '2222' });
  });
  afterAll(() => host.close());

  it('a PAN that agrees (initial, title dropped) is a match: kept on the case, in the kyc:pan answer, the approval audit and the record', async () => {
    const caseId = await identifiedCase();
    const cm = await host.kyc.documentChecked(who(), caseId, claimFromPan({ name: identity.name, dob: identity.dob }, pan({ nameMatch: true, dobMatch: true, nameOnPan: 'RAVI K SHARMA' })));
    expect(cm).toMatchObject({ band: 'match' });
    expect(cm!.score).toBeGreaterThanOrEqual(0.9);
    expect(cm!.fields).toEqual(expect.arrayContaining([
      { sources: ['aadhaar', 'pan'], field: 'name', score: expect.any(Number), reason: 'initials' },
      { sources: ['aadhaar', 'pan'], field: 'dob', score: 1, reason: 'exact' },
    ]));
    // The renderer's outcome cannot carry its own cross-match: the service answers with its own.
    const answer = await ok('kyc:pan', { caseId, pan: { status: 'verified', masked: 'ABCDE****F', crossMatch: { score: 1, band: 'match', fields: [], explanation: [], at: 'x' } } });
    expect(answer.crossMatch).toEqual(cm);
    await ok('kyc:aml', { caseId, aml: clearAml });
    const decided = await ok('kyc:decide', { caseId, decision: { decision: 'approve' } });
    expect(decided).toMatchObject({ status: 'approved', crossMatch: { band: 'match' } });

    const entries = host.store.audit.list({ subjectRef: caseId });
    const approve = entries.find((e) => e.action === 'kyc.approve')!;
    expect(approve.details).toMatchObject({ crossMatch: 'match', crossMatchScore: cm!.score });
    expect(String(approve.details.crossMatchFields)).toContain('aadhaar-pan:name=');
    expect(entries.find((e) => e.action === 'kyc.cross-match')?.details).toMatchObject({ source: 'pan', crossMatch: 'match' });
    // The audit trail gets scores and reason codes, never the names or dates compared.
    const auditText = JSON.stringify(entries.map((e) => e.details));
    expect(auditText).not.toMatch(/SHARMA|Sharma|1990-05-14/);
    // The record keeps the summary (with the reviewer's explanation) in its details.
    const record = host.store.records.get(caseId)!;
    expect((record.details as { crossMatch?: { band: string; explanation: string[] } }).crossMatch).toMatchObject({ band: 'match' });
  });

  it('a name mismatch cannot be approved directly: it is referred, and the supervisor sees and records the cross-match', async () => {
    const caseId = await identifiedCase();
    const cm = await host.kyc.documentChecked(who(), caseId, claimFromPan({ name: identity.name, dob: identity.dob }, pan({ nameMatch: false, dobMatch: true, nameOnPan: 'SUNITA DEVI' })));
    expect(cm!.band).toBe('mismatch');
    expect(cm!.fields.find((f) => f.field === 'name')).toMatchObject({ score: 0, reason: 'partial' });
    expect(cm!.explanation.join('\n')).toContain('SUNITA DEVI');
    await ok('kyc:pan', { caseId, pan: { status: 'verified', masked: 'ABCDE****F' } });
    await ok('kyc:aml', { caseId, aml: clearAml });
    const direct = await call('kyc:decide', { caseId, decision: { decision: 'approve' } });
    expect(direct.ok ? '' : direct.error.code).toBe('E_KYC_NEEDS_REVIEW');
    expect(direct.ok ? '' : direct.error.message).toContain('do not match across documents: name (aadhaar/pan)');
    await ok('kyc:decide', { caseId, decision: { decision: 'refer', note: 'name on PAN differs' } });
    const referred = (await ok('kyc:referred', undefined, 'sup')).find((c: { caseId: string }) => c.caseId === caseId);
    expect(referred.crossMatch).toMatchObject({ band: 'mismatch', score: cm!.score });
    await ok('kyc:review-decide', { caseId, decision: 'reject', reason: 'not the same person', kind: 'pin', secret: '1111' }, 'sup');
    const reviewed = host.store.audit.list({ subjectRef: caseId }).find((e) => e.action === 'kyc.review-reject')!;
    expect(reviewed.details).toMatchObject({ crossMatch: 'mismatch', crossMatchScore: cm!.score });
  });

  it('PAN and passport together: the weakest pair decides; a later passport DOB that differs turns a match into a referral', async () => {
    const caseId = await identifiedCase('fingerprint');
    const first = await host.kyc.documentChecked(who(), caseId, claimFromPan({ name: identity.name, dob: identity.dob }, pan({ nameMatch: true, dobMatch: true })));
    expect(first!.band).toBe('match');
    const second = await host.kyc.documentChecked(who(), caseId, claimFromPassport({ status: 'verified', maskedFileNumber: 'XXXXXXXX1234', givenName: 'RAVI KUMAR', surname: 'SHARMA', dob: '1991-05-14', provider: 'idfy' }));
    expect(second!.band).toBe('mismatch');
    expect(second!.fields.filter((f) => f.sources.includes('passport') && f.field === 'dob').every((f) => f.reason === 'different')).toBe(true);
    await ok('kyc:aml', { caseId, aml: clearAml });
    const direct = await call('kyc:decide', { caseId, decision: { decision: 'approve' } });
    expect(direct.ok ? '' : direct.error.code).toBe('E_KYC_NEEDS_REVIEW');
  });

  it('changes nothing for answers with nothing to compare, OVD cases, other agents\' cases; a redone identity drops the old cross-match', async () => {
    const caseId = await identifiedCase();
    expect(await host.kyc.documentChecked(who(), caseId, claimFromPan({ name: identity.name, dob: identity.dob }, pan({ status: 'not_found' })))).toBeNull();
    expect(await host.kyc.documentChecked(who(), caseId, claimFromPan({ name: identity.name, dob: identity.dob }, pan({ status: 'source_unavailable' })))).toBeNull();
    expect((await ok('kyc:pan', { caseId, pan: { status: 'queued', masked: 'ABCDE****F' } })).crossMatch).toBeNull();
    const supervisor = host.agents.require('sup');
    expect(await host.kyc.documentChecked(supervisor, caseId, claimFromPan({ name: 'X', dob: '1990-01-01' }, pan({ nameOnPan: 'SOMEONE ELSE' })))).toBeNull();
    const mismatch = await host.kyc.documentChecked(who(), caseId, claimFromPan({ name: identity.name, dob: identity.dob }, pan({ nameOnPan: 'SUNITA DEVI', dobMatch: true })));
    expect(mismatch!.band).toBe('mismatch');
    await ok('kyc:identity', { caseId, identity, evidence });
    expect((await ok('kyc:pan', { caseId, pan: { status: 'not-provided' } })).crossMatch).toBeNull();

    const ovd = await identifiedCase('alternate-id');
    expect(await host.kyc.documentChecked(who(), ovd, claimFromPan({ name: identity.name, dob: identity.dob }, pan({ nameOnPan: 'RAVI SHARMA' })))).toBeNull();
  });
});
