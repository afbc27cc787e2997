import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { createFlowMachine, OTP_LIMITS, type FlowActor, type FlowEvent } from './machine';
import { fakeIdentity, fakeServices } from './fakes';
import type { FlowServices } from './types';

// The machine is pure: its side effects are injected actors, here in-memory fakes (fakes.ts).
// Valid Verhoeff numbers (test values, not real residents).
const AADHAAR = '234123412346';
const CANARY_OTP = '917355';

function run(overrides: Partial<FlowServices> = {}, aml?: Parameters<typeof fakeServices>[1], online = true) {
  const { services, calls } = fakeServices(overrides, aml);
  const actor = createActor(createFlowMachine(services), { input: { online } });
  actor.start();
  const send = (e: FlowEvent) => actor.send(e);
  const until = (path: string) => waitFor(actor, (s) => s.matches(path as never), { timeout: 2000 });
  return { actor, send, until, calls };
}

async function throughConsent(f: ReturnType<typeof run>) {
  f.send({ type: 'START' });
  f.send({ type: 'CHOOSE_LANGUAGE', language: 'hi' });
  await f.until('consent.reading');
  for (const p of ['aadhaar-auth', 'offline-verification', 'pan-check', 'aml-screening', 'photo'] as const) f.send({ type: 'TOGGLE_CONSENT', purpose: p, granted: true });
  f.send({ type: 'ACCEPT_CONSENT' });
  await f.until('method');
}

async function fromReviewToDone(f: ReturnType<typeof run>, actor: FlowActor) {
  await f.until('review.checking');
  f.send({ type: 'CONTINUE' }); // no face-match decision yet: stays
  expect(actor.getSnapshot().matches({ review: 'checking' })).toBe(true);
  f.send({ type: 'FACE_MATCH', matched: true });
  f.send({ type: 'CONTINUE' });
  await f.until('pan.entry');
  f.send({ type: 'SUBMIT_PAN', pan: 'ABCPE1234F' });
  await f.until('pan.done');
  f.send({ type: 'CONTINUE' });
  await f.until('aml.result');
  f.send({ type: 'CONTINUE' });
  await f.until('decision.choosing');
  f.send({ type: 'APPROVE' });
  await f.until('receipt.ready');
  f.send({ type: 'FINISH' });
  await f.until('done');
}

describe('eKYC flow machine', () => {
  it('OTP: checks the number, keeps it masked only, verifies, and ends with the customer cleared', async () => {
    const f = run();
    await throughConsent(f);
    f.send({ type: 'CHOOSE_METHOD', method: 'otp' });
    await f.until('identify.otp.enterId');
    f.send({ type: 'SUBMIT_ID', id: '234123412345' }); // bad checksum
    expect(f.actor.getSnapshot().context.error?.code).toBe('E_AADHAAR_INVALID');
    f.send({ type: 'SUBMIT_ID', id: '2341 2341 2346' });
    await f.until('identify.otp.awaitingOtp');
    expect(f.actor.getSnapshot().context.maskedId).toBe('XXXX XXXX 2346');
    expect(JSON.stringify(f.actor.getSnapshot().context)).not.toContain(AADHAAR);
    expect(f.calls.find((c) => c.name === 'requestOtp')?.input).toEqual({ caseId: 'case-1', consentRef: 'consent-1', idDigits: AADHAAR });
    f.send({ type: 'SUBMIT_OTP', otp: CANARY_OTP });
    await fromReviewToDone(f, f.actor);
    const ctx = f.actor.getSnapshot().context;
    expect(ctx.result).toBeNull();
    expect(ctx.caseId).toBeNull();
    expect(ctx.maskedId).toBeNull();
    expect(JSON.stringify(f.actor.getSnapshot().toJSON())).not.toContain(CANARY_OTP);
    expect(f.calls.find((c) => c.name === 'recordConsent')?.input).toMatchObject({ caseId: 'case-1', channel: 'screen' });
    expect(f.calls.map((c) => c.name)).toEqual(expect.arrayContaining(['saveIdentity', 'recordFaceMatch', 'checkPan', 'screenAml', 'decide', 'loadReceipt']));
  });

  it('OTP: three wrong OTPs close the method; resend waits for the delay and is limited', async () => {
    let verifies = 0;
    const f = run({ verifyOtp: async () => { verifies++; throw { code: 'E_OTP_WRONG', message: 'wrong' }; } });
    await throughConsent(f);
    f.send({ type: 'CHOOSE_METHOD', method: 'otp' });
    await f.until('identify.otp.enterId');
    f.send({ type: 'SUBMIT_ID', id: AADHAAR });
    await f.until('identify.otp.awaitingOtp');
    f.send({ type: 'RESEND_OTP' }); // too early
    expect(f.actor.getSnapshot().matches({ identify: { otp: 'awaitingOtp' } })).toBe(true);
    expect(f.calls.some((c) => c.name === 'resendOtp')).toBe(false);
    for (let i = 0; i < OTP_LIMITS.attempts; i++) {
      await f.until('identify.otp.awaitingOtp');
      f.send({ type: 'SUBMIT_OTP', otp: '000000' });
      await waitFor(f.actor, (s) => !s.matches({ identify: { otp: 'verifying' } }));
    }
    expect(verifies).toBe(3);
    expect(f.actor.getSnapshot().matches({ identify: { otp: 'exhausted' } })).toBe(true);
    f.send({ type: 'BACK' });
    await f.until('method');
  });

  it('OTP: the OTP service\'s own count wins (locked after its last attempt), and the services are told to forget the number', async () => {
    let left = 2;
    let forgot = 0;
    const f = run({ verifyOtp: async () => { throw { code: 'E_OTP_WRONG', message: 'wrong', details: { attemptsLeft: --left } }; }, forgetCustomer: () => void forgot++ });
    await throughConsent(f);
    f.send({ type: 'CHOOSE_METHOD', method: 'otp' });
    await f.until('identify.otp.enterId');
    f.send({ type: 'SUBMIT_ID', id: AADHAAR });
    await f.until('identify.otp.awaitingOtp');
    const before = forgot;
    f.send({ type: 'SUBMIT_OTP', otp: '000000' });
    await waitFor(f.actor, (s) => s.matches({ identify: { otp: 'awaitingOtp' } }) && s.context.error !== null);
    expect(f.actor.getSnapshot().context.otp.attemptsLeft).toBe(1);
    f.send({ type: 'SUBMIT_OTP', otp: '000000' });
    await f.until('identify.otp.exhausted');
    expect(forgot).toBe(before + 1);
  });

  it('fingerprint: picks the ready device, retries with the RD error, then succeeds', async () => {
    let attempt = 0;
    const f = run({
      listDevices: async ({ modality }) => [{ id: 'a', label: 'A', modality, ready: false }, { id: 'b', label: 'B', modality, ready: true }],
      biometricAuth: async ({ modality, deviceId }) => {
        attempt++;
        if (attempt === 1) throw { code: 'E_RD_TIMEOUT', message: 'Capture timed out (RD error 700).', details: { quality: 12 } };
        return { ...fakeIdentity(modality), quality: deviceId === 'b' ? 77 : 0 };
      },
    });
    await throughConsent(f);
    f.send({ type: 'CHOOSE_METHOD', method: 'fingerprint' });
    await f.until('identify.biometric.ready');
    expect(f.actor.getSnapshot().context.biometric.deviceId).toBe('b');
    f.send({ type: 'CAPTURE', id: AADHAAR });
    await f.until('identify.biometric.ready');
    const ctx = f.actor.getSnapshot().context;
    expect(ctx.error?.message).toContain('RD error 700');
    expect(ctx.biometric).toMatchObject({ attemptsLeft: 2, lastQuality: 12 });
    f.send({ type: 'CAPTURE', id: AADHAAR });
    await fromReviewToDone(f, f.actor);
  });

  it('iris: three failed captures close the method', async () => {
    const f = run({ biometricAuth: async () => { throw { code: 'E_RD_CAPTURE', message: 'no eye' }; } });
    await throughConsent(f);
    f.send({ type: 'CHOOSE_METHOD', method: 'iris' });
    for (let i = 0; i < 3; i++) {
      await f.until('identify.biometric.ready');
      f.send({ type: 'CAPTURE', id: AADHAAR });
      await waitFor(f.actor, (s) => !s.matches({ identify: { biometric: 'capturing' } }));
    }
    expect(f.actor.getSnapshot().matches({ identify: { biometric: 'exhausted' } })).toBe(true);
  });

  it('Secure QR: a tampered code is rejected in plain terms; a good scan (wedge) continues to review', async () => {
    let n = 0;
    const f = run({ verifyQr: async () => (++n === 1 ? { signature: 'invalid', result: null } : { signature: 'valid', result: fakeIdentity('secure-qr') }) });
    await throughConsent(f);
    f.send({ type: 'CHOOSE_METHOD', method: 'secure-qr' });
    await f.until('identify.qr.waiting');
    f.send({ type: 'SCANNED', payload: '123', source: 'serial' });
    await f.until('identify.qr.rejected');
    expect(f.actor.getSnapshot().context.qr.signature).toBe('invalid');
    f.send({ type: 'SCANNED', payload: '456', source: 'wedge' });
    await f.until('identify.qr.verified');
    expect(f.actor.getSnapshot().context.qr).toEqual({ signature: 'valid', source: 'wedge' });
    f.send({ type: 'CONTINUE' });
    await fromReviewToDone(f, f.actor);
  });

  it('offline XML: needs a 4-digit share code; works offline; PAN is queued offline', async () => {
    const f = run({}, undefined, false);
    await throughConsent(f);
    f.send({ type: 'CHOOSE_METHOD', method: 'otp' });
    expect(f.actor.getSnapshot().context.error?.code).toBe('E_NEEDS_NETWORK');
    expect(f.actor.getSnapshot().matches('method')).toBe(true);
    f.send({ type: 'CHOOSE_METHOD', method: 'offline-xml' });
    await f.until('identify.xml.waiting');
    f.send({ type: 'SUBMIT_XML', file: new Uint8Array([1]), fileName: 'a.zip', shareCode: '12' });
    expect(f.actor.getSnapshot().context.error?.code).toBe('E_XML_SHARE_CODE');
    f.send({ type: 'SUBMIT_XML', file: new Uint8Array([1]), fileName: 'a.zip', shareCode: '1234' });
    await f.until('review.checking');
    f.send({ type: 'FACE_MATCH', matched: true });
    f.send({ type: 'CONTINUE' });
    await f.until('pan.entry');
    f.send({ type: 'SUBMIT_PAN', pan: 'ABCPE1234F' });
    await f.until('pan.done');
    expect(f.actor.getSnapshot().context.pan?.status).toBe('queued');
  });

  it('an AML hit cannot be approved by the agent: refer with a note', async () => {
    const f = run({}, { level: 'high', reasons: ['UNSC'], matches: [{ name: 'X', list: 'UNSC', score: 0.95 }], requiresReview: true });
    await throughConsent(f);
    f.send({ type: 'CHOOSE_METHOD', method: 'secure-qr' });
    await f.until('identify.qr.waiting');
    f.send({ type: 'SCANNED', payload: 'x', source: 'camera' });
    await f.until('identify.qr.verified');
    f.send({ type: 'CONTINUE' });
    await f.until('review.checking');
    f.send({ type: 'FACE_MATCH', matched: true });
    f.send({ type: 'CONTINUE' });
    await f.until('pan.entry');
    f.send({ type: 'SKIP_PAN' });
    await f.until('pan.done');
    f.send({ type: 'CONTINUE' });
    await f.until('aml.result');
    f.send({ type: 'CONTINUE' });
    await f.until('decision.choosing');
    f.send({ type: 'APPROVE' });
    expect(f.actor.getSnapshot().matches({ decision: 'choosing' })).toBe(true);
    f.send({ type: 'REJECT', reason: ' ' });
    expect(f.actor.getSnapshot().context.error?.code).toBe('E_KYC_REASON_REQUIRED');
    f.send({ type: 'REFER', note: 'possible UNSC match' });
    await f.until('receipt.ready');
    expect(f.calls.find((c) => c.name === 'decide')?.input).toEqual({ caseId: 'case-1', decision: { decision: 'refer', note: 'possible UNSC match' } });
  });

  it('declining Aadhaar goes to the alternate-ID path, which must be referred', async () => {
    const f = run();
    f.send({ type: 'START' });
    f.send({ type: 'CHOOSE_LANGUAGE', language: 'ta' });
    await f.until('consent.reading');
    f.send({ type: 'TOGGLE_CONSENT', purpose: 'pan-check', granted: true });
    f.send({ type: 'DECLINE_AADHAAR' });
    await f.until('identify.alternate');
    expect(f.calls.find((c) => c.name === 'chooseMethod')?.input).toEqual({ caseId: 'case-1', method: 'alternate-id' });
    expect(f.calls.find((c) => c.name === 'recordConsent')?.input).toMatchObject({ granted: { 'aadhaar-auth': false, 'offline-verification': false } });
    f.send({ type: 'SUBMIT_ALTERNATE', documentKind: 'Passport', documentLast4: '5678', name: 'R K' });
    await f.until('review.checking');
    expect(f.actor.getSnapshot().context.result?.evidence.verified).toBe(false);
  });

  it('consent: the accept needs every required non-Aadhaar item; a method needs its consent', async () => {
    const f = run();
    f.send({ type: 'START' });
    f.send({ type: 'CHOOSE_LANGUAGE', language: 'en' });
    await f.until('consent.reading');
    f.send({ type: 'ACCEPT_CONSENT' });
    expect(f.actor.getSnapshot().matches({ consent: 'reading' })).toBe(true);
    for (const p of ['pan-check', 'aml-screening', 'photo', 'offline-verification'] as const) f.send({ type: 'TOGGLE_CONSENT', purpose: p, granted: true });
    f.send({ type: 'ACCEPT_CONSENT' });
    await f.until('method');
    f.send({ type: 'CHOOSE_METHOD', method: 'otp' });
    expect(f.actor.getSnapshot().context.error?.code).toBe('E_KYC_NO_CONSENT');
    f.send({ type: 'CANCEL' });
    await f.until('done');
    expect(f.calls.some((c) => c.name === 'cancelCase')).toBe(true);
  });
});
