import { afterAll, describe, expect, it } from 'vitest';
import { startControlServer, startRdSimulator, testUidaiPrivateKeyPem, type RdSimulator } from '../../../../simulators/rd-service';
import { RdClient } from '../../../../src/devices/rd';
import { DEMO_SUBJECT } from '../../../../src/devices/rd/pid/synthetic-biometrics';
import { AadhaarEkycSchema } from '../../../../src/shared/kyc/verification';
import { checkAadhaarOrVid } from '../../../../src/shared/validators/aadhaar';
import { ProviderError } from '../errors';
import { MemoryOtpOutbox } from './otp-outbox';
import { TEST_RESIDENTS } from './residents';
import { UidaiSandbox, ekycWadh } from './sandbox';

const meta = { consentRef: 'c1', journeyId: 'j1', deviceId: 'd1' };
const RAHUL = TEST_RESIDENTS[0]!;
const LAKSHMI = TEST_RESIDENTS[1]!;
const sandbox = (extra: Partial<ConstructorParameters<typeof UidaiSandbox>[0]> = {}) => {
  const outbox = new MemoryOtpOutbox();
  return { outbox, s: new UidaiSandbox({ mode: 'test', uidaiPrivateKeyPem: testUidaiPrivateKeyPem(), otpOutbox: outbox, ...extra }) };
};

describe('uidai-sandbox residents', () => {
  it('are synthetic, Verhoeff-valid numbers the kiosk validators accept', () => {
    for (const r of TEST_RESIDENTS) {
      expect(checkAadhaarOrVid(r.aadhaar)).toMatchObject({ ok: true, kind: 'aadhaar' });
      if (r.vid) expect(checkAadhaarOrVid(r.vid)).toMatchObject({ ok: true, kind: 'vid' });
      expect(r.aadhaar.startsWith('99990000')).toBe(true);
    }
  });

  it('refuses to start in production', () => {
    expect(() => new UidaiSandbox({ mode: 'production', uidaiPrivateKeyPem: 'x', otpOutbox: new MemoryOtpOutbox() })).toThrow(ProviderError);
  });

  it('computes the field eKYC wadh constants', () => {
    expect(ekycWadh('F')).toBe('E0jzJ/P8UopUHAieZn8CKqS4WPMi5ZSYXgfnlfkWjrc=');
    expect(ekycWadh('I')).toBe('8QSrHOmcQhlyjiSpIgCi7o2ugs78w+4jhckNk1jeIJg=');
  });
});

describe('uidai-sandbox OTP eKYC', () => {
  it('delivers the OTP to the development log only and answers eKYC in the KycRes shape with the photo', async () => {
    const { s, outbox } = sandbox();
    const started = await s.initiate({ idNumber: RAHUL.aadhaar, idKind: 'aadhaar' }, meta);
    expect(started.maskedMobile).toBe('XXXXXX4321');
    expect(JSON.stringify(started)).not.toContain(RAHUL.aadhaar);
    const otp = outbox.otpFor(started.txnId)!;
    expect(otp).toMatch(/^\d{6}$/);
    expect(outbox.delivered[0]!.maskedAadhaar).toBe('XXXX XXXX 0016');
    const r = await s.verify({ txnId: started.txnId, otp, maskedId: 'XXXX XXXX 0016' }, meta);
    expect(r.status).toBe('verified');
    if (r.status !== 'verified') return;
    expect(AadhaarEkycSchema.parse(r.ekyc)).toMatchObject({ name: 'Rahul Kumar Sharma', dob: '1990-05-17', gender: 'M', maskedAadhaar: 'XXXX XXXX 0016', address: { pincode: '411038', careOf: 'S/O Suresh Sharma' } });
    expect(Buffer.from(r.ekyc.photo!.base64, 'base64').subarray(0, 2).toString('hex')).toBe('ffd8');
    // one OTP, one use
    expect((await s.verify({ txnId: started.txnId, otp, maskedId: 'x' }, meta)).status).toBe('otp_expired');
  });

  it('accepts a VID, counts wrong OTPs down to a lock, and expires OTPs', async () => {
    let now = Date.now();
    const { s, outbox } = sandbox({ now: () => new Date(now) });
    const t = await s.initiate({ idNumber: RAHUL.vid!, idKind: 'vid' }, meta);
    const good = outbox.otpFor(t.txnId)!;
    const bad = good === '000000' ? '111111' : '000000';
    expect(await s.verify({ txnId: t.txnId, otp: bad, maskedId: 'x' }, meta)).toEqual({ status: 'otp_invalid', attemptsLeft: 2 });
    expect(await s.verify({ txnId: t.txnId, otp: bad, maskedId: 'x' }, meta)).toEqual({ status: 'otp_invalid', attemptsLeft: 1 });
    expect((await s.verify({ txnId: t.txnId, otp: bad, maskedId: 'x' }, meta)).status).toBe('locked');
    expect((await s.verify({ txnId: t.txnId, otp: good, maskedId: 'x' }, meta)).status).toBe('locked');
    const t2 = await s.initiate({ idNumber: RAHUL.aadhaar, idKind: 'aadhaar' }, meta);
    now += 11 * 60_000;
    expect((await s.verify({ txnId: t2.txnId, otp: outbox.otpFor(t2.txnId)!, maskedId: 'x' }, meta)).status).toBe('otp_expired');
  });

  it('refuses numbers with no linked mobile and unknown numbers without telling them apart', async () => {
    const { s } = sandbox();
    await expect(s.initiate({ idNumber: TEST_RESIDENTS[2]!.aadhaar, idKind: 'aadhaar' }, meta)).rejects.toMatchObject({ kind: 'refused' });
    await expect(s.initiate({ idNumber: '234123412346', idKind: 'aadhaar' }, meta)).rejects.toMatchObject({ kind: 'refused' });
  });
});

describe('uidai-sandbox biometric eKYC with PIDs from the RD simulator', () => {
  const sims: RdSimulator[] = [];
  const rd = new RdClient();
  const capture = async (sim: RdSimulator, wadh: string, o: { iris?: boolean } = {}) => {
    const out = await rd.capture({ port: sim.port }, { ...(o.iris ? { iCount: 1 } : { fCount: 1, fType: 0 }), timeout: 5000, env: 'S', wadh, posh: ['UNKNOWN'] });
    expect(out.pidData.success).toBe(true);
    return out.xml;
  };
  const presenting = async (subject: string, o: { modality?: 'finger' | 'iris'; seed?: string } = {}) => {
    const sim = await startRdSimulator({ modality: o.modality ?? 'finger', subject, captureDelayMs: 0, ...(o.seed ? { seed: o.seed } : {}) });
    sims.push(sim);
    return sim;
  };
  const auth = (s: UidaiSandbox, idNumber: string, pidDataXml: string, wadh: string) => s.authenticate({ idNumber, idKind: 'aadhaar', pidDataXml, wadh }, meta);
  afterAll(async () => { await Promise.all(sims.map((s) => s.close())); });

  it('every resident has an enrolled subject; the first is the one demo simulators present', () => {
    expect(TEST_RESIDENTS[0]!.subject).toBe(DEMO_SUBJECT);
    expect(new Set(TEST_RESIDENTS.map((r) => r.subject)).size).toBe(TEST_RESIDENTS.length);
  });

  it('the same subject captured three times matches every time; the records travel only inside the encrypted Data', async () => {
    const wadh = ekycWadh('F');
    const { s } = sandbox();
    const sim = await presenting(RAHUL.subject, { seed: 'same-subject' });
    for (let i = 0; i < 3; i++) {
      const xml = await capture(sim, wadh);
      expect(xml).not.toMatch(/<Bio /);
      const r = await auth(s, RAHUL.aadhaar, xml, wadh);
      expect(r.status, `capture ${i + 1}`).toBe('verified');
      if (r.status === 'verified') expect(r.ekyc).toMatchObject({ name: 'Rahul Kumar Sharma', maskedAadhaar: 'XXXX XXXX 0016' });
    }
    // Another resident's finger on the same sensor: each matches only their own record.
    await fetchPresent(sim, { subject: LAKSHMI.subject });
    const lakshmiFinger = await capture(sim, wadh);
    expect(await auth(s, RAHUL.aadhaar, lakshmiFinger, wadh)).toMatchObject({ status: 'no_match', code: '300', reason: 'biometric data did not match' });
    expect(await auth(s, LAKSHMI.aadhaar, await capture(sim, wadh), wadh)).toMatchObject({ status: 'verified', ekyc: { name: 'Lakshmi Devi' } });
  });

  it('a different subject gets UIDAI 300, and so does an unknown number; iris matches the same way', async () => {
    const wadh = ekycWadh('F');
    const { s } = sandbox();
    const stranger = await presenting('not-a-resident');
    expect(await auth(s, RAHUL.aadhaar, await capture(stranger, wadh), wadh)).toMatchObject({ status: 'no_match', code: '300', reason: 'biometric data did not match' });
    const rahul = await presenting(RAHUL.subject);
    expect(await auth(s, '234123412346', await capture(rahul, wadh), wadh)).toMatchObject({ status: 'no_match', code: '300' });

    const irisWadh = ekycWadh('I');
    const eye = await presenting(RAHUL.subject, { modality: 'iris' });
    expect((await auth(s, RAHUL.aadhaar, await capture(eye, irisWadh, { iris: true }), irisWadh)).status).toBe('verified');
    expect((await auth(s, RAHUL.aadhaar, await capture(eye, irisWadh, { iris: true }), irisWadh)).status).toBe('verified');
    const otherEye = await presenting(LAKSHMI.subject, { modality: 'iris' });
    expect(await auth(s, RAHUL.aadhaar, await capture(otherEye, irisWadh, { iris: true }), irisWadh)).toMatchObject({ status: 'no_match', code: '300' });
  });

  it('a poor placement is a 300 that asks for a better one, and the retry succeeds', async () => {
    const wadh = ekycWadh('F');
    const { s } = sandbox();
    const sim = await presenting(RAHUL.subject, { seed: 'poor-then-good' });
    await fetchPresent(sim, { subject: RAHUL.subject, quality: 'poor', times: 1 });
    const poor = await capture(sim, wadh);
    const r = await auth(s, RAHUL.aadhaar, poor, wadh);
    expect(r).toMatchObject({ status: 'no_match', code: '300' });
    if (r.status === 'no_match') expect(r.reason).toMatch(/quality was low.*place the finger again/);
    expect((await auth(s, RAHUL.aadhaar, await capture(sim, wadh), wadh)).status).toBe('verified');
  });

  it('refuses a replayed PID (563), a wadh for the other modality (552) and a stale PID (561)', async () => {
    const wadh = ekycWadh('F');
    const { s } = sandbox();
    const xml = await capture(await presenting(RAHUL.subject), wadh);
    expect(await auth(s, RAHUL.aadhaar, xml, ekycWadh('I'))).toMatchObject({ status: 'rejected', code: '552' });
    expect((await auth(s, RAHUL.aadhaar, xml, wadh)).status).toBe('verified');
    expect(await auth(s, RAHUL.aadhaar, xml, wadh)).toMatchObject({ status: 'rejected', code: '563' });
    const { s: later } = sandbox({ now: () => new Date(Date.now() + 60 * 60_000) });
    expect(await auth(later, RAHUL.aadhaar, xml, wadh)).toMatchObject({ status: 'rejected', code: '561' });
  });

  it('rejects a tampered PID (Hmac / decryption)', async () => {
    const wadh = ekycWadh('F');
    const xml = await capture(await presenting(RAHUL.subject), wadh);
    const tampered = xml.replace(/<Hmac>([A-Za-z0-9+/]{4})/, (_m, g: string) => `<Hmac>${g === 'AAAA' ? 'BBBB' : 'AAAA'}`);
    const { s } = sandbox();
    const r = await auth(s, RAHUL.aadhaar, tampered, wadh);
    expect(r.status).toBe('rejected');
    if (r.status === 'rejected') expect(['503', '564']).toContain(r.code);
  });
});

/** Changes who is at the simulator's sensor through its control endpoint, as the e2e tests do. */
async function fetchPresent(sim: RdSimulator, body: Record<string, unknown>): Promise<void> {
  const control = await startControlServer(sim);
  try {
    const res = await fetch(`http://127.0.0.1:${control.port}/present`, { method: 'POST', body: JSON.stringify(body) });
    expect(res.status).toBe(200);
  } finally {
    await control.close();
  }
}
