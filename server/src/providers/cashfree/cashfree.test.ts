import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AadhaarEkycSchema } from '../../../../src/shared/kyc/verification';
import { MemoryRecorder } from '../recorder';
import { ProviderGuard } from '../resilience';
import { TEST_RESIDENTS } from '../uidai-sandbox/residents';
import { CashfreeAadhaarOtpProvider, isoDob } from './aadhaar-otp';
import { CASHFREE_KEYS, CashfreeEmulator } from './cashfree.emulator';

const meta = { consentRef: 'c1', journeyId: 'j1', deviceId: 'd1' };
const UID = TEST_RESIDENTS[0]!.aadhaar;
const NO_MOBILE = TEST_RESIDENTS[2]!.aadhaar;
let emu: CashfreeEmulator;
let recorder: MemoryRecorder;
let provider: CashfreeAadhaarOtpProvider;
const guardOpts = { timeoutMs: 300, retry: { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 20 }, breaker: { consecutiveFailures: 50, halfOpenAfterMs: 1000 } };

beforeAll(async () => {
  emu = await new CashfreeEmulator().start();
  emu.residents.set(UID, { name: 'Rahul Kumar Sharma', dob: '1990-05-17', gender: 'M', careOf: 'S/O Suresh Sharma', pincode: 411038, photoBase64: TEST_RESIDENTS[0]!.photoJpegBase64 });
  emu.residents.set(NO_MOBILE, { name: 'Anita Verma', dob: '1978-11-02', gender: 'F', careOf: '', pincode: 302006, photoBase64: '', mobileLinked: false });
});
afterAll(async () => { await emu.stop(); });
beforeEach(() => {
  emu.reset();
  recorder = new MemoryRecorder();
  provider = new CashfreeAadhaarOtpProvider({ baseURL: emu.url, ...CASHFREE_KEYS }, new ProviderGuard('cashfree', guardOpts, recorder));
});

describe('Cashfree Offline Aadhaar OTP', () => {
  it('runs generate then verify in the documented shapes and maps the eKYC', async () => {
    const t = await provider.initiate({ idNumber: UID, idKind: 'aadhaar' }, meta);
    expect(t).toMatchObject({ provider: 'cashfree', resendAfterSec: 45 });
    expect(emu.requests[0]).toMatchObject({ path: '/verification/offline-aadhaar/otp', body: { aadhaar_number: UID } });
    expect(emu.requests[0]!.headers['x-client-id']).toBe(CASHFREE_KEYS.clientId);
    const r = await provider.verify({ txnId: t.txnId, otp: emu.lastOtp.get(UID)!, maskedId: 'XXXX XXXX 0016' }, meta);
    expect(r.status).toBe('verified');
    if (r.status !== 'verified') return;
    expect(AadhaarEkycSchema.parse(r.ekyc)).toMatchObject({ name: 'Rahul Kumar Sharma', dob: '1990-05-17', gender: 'M', address: { careOf: 'S/O Suresh Sharma', pincode: '411038', district: 'Pune' } });
    expect(r.ekyc.photo?.base64.startsWith('/9j/')).toBe(true);
    expect(JSON.stringify(recorder.apiRequests)).not.toContain(UID);
  });

  it('counts wrong OTPs and locks after three; refuses a VID; reports no linked mobile', async () => {
    const t = await provider.initiate({ idNumber: UID, idKind: 'aadhaar' }, meta);
    const bad = emu.lastOtp.get(UID) === '000000' ? '111111' : '000000';
    expect(await provider.verify({ txnId: t.txnId, otp: bad, maskedId: 'x' }, meta)).toEqual({ status: 'otp_invalid', attemptsLeft: 2 });
    expect(await provider.verify({ txnId: t.txnId, otp: bad, maskedId: 'x' }, meta)).toEqual({ status: 'otp_invalid', attemptsLeft: 1 });
    expect((await provider.verify({ txnId: t.txnId, otp: bad, maskedId: 'x' }, meta)).status).toBe('locked');
    const sent = emu.requests.length;
    expect((await provider.verify({ txnId: t.txnId, otp: emu.lastOtp.get(UID)!, maskedId: 'x' }, meta)).status).toBe('locked');
    expect(emu.requests.length).toBe(sent);
    await expect(provider.initiate({ idNumber: '9999000000100019', idKind: 'vid' }, meta)).rejects.toMatchObject({ kind: 'not_supported' });
    await expect(provider.initiate({ idNumber: NO_MOBILE, idKind: 'aadhaar' }, meta)).rejects.toMatchObject({ kind: 'refused', message: expect.stringContaining('no mobile') });
  });

  it('reports an expired OTP', async () => {
    emu.otpValidityMs = 0;
    const t = await provider.initiate({ idNumber: UID, idKind: 'aadhaar' }, meta);
    emu.otpValidityMs = 10 * 60_000;
    await new Promise((r) => setTimeout(r, 5));
    expect((await provider.verify({ txnId: t.txnId, otp: emu.lastOtp.get(UID)!, maskedId: 'x' }, meta)).status).toBe('otp_expired');
  });

  it('never re-sends an OTP verification, even after a 503 or a timeout', async () => {
    const t = await provider.initiate({ idNumber: UID, idKind: 'aadhaar' }, meta);
    emu.enqueue({ status: 503, body: {} });
    await expect(provider.verify({ txnId: t.txnId, otp: emu.lastOtp.get(UID)!, maskedId: 'x' }, meta)).rejects.toMatchObject({ kind: 'unavailable' });
    emu.enqueue({ status: 200, body: {}, delayMs: 800 });
    await expect(provider.verify({ txnId: t.txnId, otp: emu.lastOtp.get(UID)!, maskedId: 'x' }, meta)).rejects.toMatchObject({ kind: 'timeout' });
    expect(emu.requests.filter((q) => q.path.endsWith('/verify'))).toHaveLength(2);
    expect(recorder.apiRequests.filter((r) => r.endpoint.endsWith('/verify')).map((r) => r.retries)).toEqual([0, 0]);
  });

  it('maps 401 and 429 on OTP generation without re-sending', async () => {
    const bad = new CashfreeAadhaarOtpProvider({ baseURL: emu.url, clientId: 'x', clientSecret: 'y' }, new ProviderGuard('cashfree', guardOpts));
    await expect(bad.initiate({ idNumber: UID, idKind: 'aadhaar' }, meta)).rejects.toMatchObject({ kind: 'auth', httpStatus: 401 });
    emu.enqueue({ status: 429, body: { message: 'rate limit' }, headers: { 'retry-after': '30' } });
    await expect(provider.initiate({ idNumber: UID, idKind: 'aadhaar' }, meta)).rejects.toMatchObject({ kind: 'rate_limited', retryAfterSec: 30 });
    expect(emu.requests.filter((q) => q.path.endsWith('/otp'))).toHaveLength(2);
  });

  it('converts Cashfree dates', () => {
    expect(isoDob('02-02-1995', 1995)).toBe('1995-02-02');
    expect(isoDob(undefined, 1995)).toBe('1995');
    expect(isoDob('garbage', undefined)).toBeUndefined();
  });
});
