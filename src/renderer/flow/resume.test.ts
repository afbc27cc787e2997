/** RESUME: a case restored by `kyc:resume` after a crash lands on its last safe step with its ids and consent. */
import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import type { ResumedCase } from '../../shared/ipc/kyc';
import { fakeIdentity, fakeServices } from './fakes';
import { createFlowMachine } from './machine';

const resumed = (over: Partial<ResumedCase>): ResumedCase => ({
  caseId: 'case-9', reference: 'VDX-9', language: 'ta', resumeAt: 'identity', consentRef: 'consent-9',
  granted: [{ purpose: 'aadhaar-auth', granted: true }, { purpose: 'offline-verification', granted: false }, { purpose: 'pan-check', granted: true }], method: 'otp', ...over,
});

function run() {
  const { services, calls } = fakeServices();
  const actor = createActor(createFlowMachine(services), { input: { online: true } });
  actor.start();
  const until = (path: string) => waitFor(actor, (s) => s.matches(path as never), { timeout: 2000 });
  return { actor, calls, until };
}

describe('flow RESUME', () => {
  it.each([
    [{ resumeAt: 'method', method: null }, 'method'],
    [{ resumeAt: 'identity', method: 'otp' }, 'identify.otp.enterId'],
    [{ resumeAt: 'identity', method: 'iris' }, 'identify.biometric.ready'],
    [{ resumeAt: 'identity', method: 'secure-qr' }, 'identify.qr.waiting'],
    [{ resumeAt: 'identity', method: 'offline-xml' }, 'identify.xml.waiting'],
    [{ resumeAt: 'identity', method: 'alternate-id' }, 'identify.alternate'],
  ] as const)('%o lands on %s with the restored case', async (over, state) => {
    const f = run();
    f.actor.send({ type: 'RESUME', resumed: resumed(over) });
    await f.until(state);
    const ctx = f.actor.getSnapshot().context;
    expect(ctx).toMatchObject({ caseId: 'case-9', reference: 'VDX-9', language: 'ta', consentRef: 'consent-9', method: over.method, maskedId: null, result: null });
    expect(ctx.granted).toEqual({ 'aadhaar-auth': true, 'offline-verification': false, 'pan-check': true });
    // No new case was started for it.
    expect(f.calls.some((c) => c.name === 'startCase')).toBe(false);
  });

  it('a case stopped before its consent shows the consent text again under the same case id', async () => {
    const f = run();
    f.actor.send({ type: 'RESUME', resumed: resumed({ resumeAt: 'consent', method: null, consentRef: null, granted: [] }) });
    await f.until('consent.reading');
    expect(f.actor.getSnapshot().context).toMatchObject({ caseId: 'case-9', language: 'ta', consentRef: null, granted: {} });
    expect(f.calls.find((c) => c.name === 'loadConsent')?.input).toEqual({ language: 'ta' });
    for (const p of ['aadhaar-auth', 'offline-verification', 'pan-check', 'aml-screening', 'photo'] as const) f.actor.send({ type: 'TOGGLE_CONSENT', purpose: p, granted: true });
    f.actor.send({ type: 'ACCEPT_CONSENT' });
    await f.until('method');
    expect(f.calls.find((c) => c.name === 'recordConsent')?.input).toMatchObject({ caseId: 'case-9' });
    expect(f.calls.some((c) => c.name === 'startCase')).toBe(false);
  });

  it('continues the restored case: the method guard uses the restored consent, later steps use its id', async () => {
    const f = run();
    f.actor.send({ type: 'RESUME', resumed: resumed({ resumeAt: 'method', method: null }) });
    await f.until('method');
    f.actor.send({ type: 'CHOOSE_METHOD', method: 'secure-qr' }); // offline verification was declined
    expect(f.actor.getSnapshot().context.error?.code).toBe('E_KYC_NO_CONSENT');
    f.actor.send({ type: 'CHOOSE_METHOD', method: 'alternate-id' });
    await f.until('identify.alternate');
    expect(f.calls.find((c) => c.name === 'chooseMethod')?.input).toEqual({ caseId: 'case-9', method: 'alternate-id' });
    f.actor.send({ type: 'SUBMIT_ALTERNATE', documentKind: 'Passport', documentLast4: '123F', name: 'Test Resident' });
    await f.until('review.checking');
    expect(f.calls.find((c) => c.name === 'saveIdentity')?.input).toMatchObject({ caseId: 'case-9' });
  });

  it('is refused in the middle of another onboarding, accepted again once it is done', async () => {
    const f = run();
    f.actor.send({ type: 'START' });
    f.actor.send({ type: 'CHOOSE_LANGUAGE', language: 'en' });
    await f.until('consent.reading');
    f.actor.send({ type: 'RESUME', resumed: resumed({}) });
    expect(f.actor.getSnapshot().matches('consent')).toBe(true);
    expect(f.actor.getSnapshot().context.caseId).toBe('case-1');
    f.actor.send({ type: 'CANCEL' });
    await f.until('done');
    f.actor.send({ type: 'RESUME', resumed: resumed({ resumeAt: 'identity', method: 'secure-qr' }) });
    await f.until('identify.qr.waiting');
    expect(f.actor.getSnapshot().context.caseId).toBe('case-9');
    expect(fakeIdentity('secure-qr').identity.maskedId).toContain('XXXX'); // fakes untouched
  });
});
