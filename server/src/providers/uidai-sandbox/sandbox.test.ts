import { afterAll, describe, expect, it } from 'vitest';
import { startRdSimulator, testUidaiPrivateKeyPem, type RdSimulator } from '../../../../simulators/rd-service';
import { RdClient } from '../../../../src/devices/rd';
import { verifyPidBlock } from '../../../../src/devices/rd/pid/verify';
import { AadhaarEkycSchema } from '../../../../src/shared/kyc/verification';
import { checkAadhaarOrVid } from '../../../../src/shared/validators/aadhaar';
import { ProviderError } from '../errors';
import { MemoryOtpOutbox } from './otp-outbox';
import { TEST_RESIDENTS } from './residents';
import { UidaiSandbox, ekycWadh } from './sandbox';

const meta = { consentRef: 'c1', journeyId: 'j1', deviceId: 'd1' };
const RAHUL = TEST_RESIDENTS[0]!;
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
  const capture = async (sim: RdSimulator, wadh: string) => {
    const out = await rd.capture({ port: sim.port }, { fCount: 1, fType: 0, timeout: 5000, env: 'S', wadh, posh: ['UNKNOWN'] });
    expect(out.pidData.success).toBe(true);
    return out.xml;
  };
  const fresh = async (seed: string) => {
    const sim = await startRdSimulator({ modality: 'finger', seed, captureDelayMs: 0 });
    sims.push(sim);
    return sim;
  };
  afterAll(async () => { await Promise.all(sims.map((s) => s.close())); });

  it('matches the enrolled finger, refuses another finger, a wrong wadh and a stale PID', async () => {
    const wadh = ekycWadh('F');
    const enrolment = await capture(await fresh('resident-rahul'), wadh);
    const { s } = sandbox();
    // The records travel only inside the encrypted Data.
    expect(enrolment).not.toMatch(/<Bio /);
    // Demo mode: the first finger presented for a resident with nothing enrolled becomes the enrolment.
    const enrolResult = await new UidaiSandbox({ mode: 'test', uidaiPrivateKeyPem: testUidaiPrivateKeyPem(), otpOutbox: new MemoryOtpOutbox(), enrolOnFirstUse: true })
      .authenticate({ idNumber: RAHUL.aadhaar, idKind: 'aadhaar', pidDataXml: enrolment, wadh }, meta);
    expect(enrolResult.status).toBe('verified');

    // The same seeded simulator presents the same finger again.
    const sameFinger = await capture(await fresh('resident-rahul'), wadh);
    // Enrol the resident's test finger: the record of the first capture of a simulator seeded for them.
    const decrypted = verifyPidBlock({ pidData: enrolment, privateKeyPem: testUidaiPrivateKeyPem(), expectedWadh: wadh });
    const fmr = Buffer.from(/<Bio [^>]*>([^<]+)<\/Bio>/.exec(decrypted.pidXml!)![1]!, 'base64');
    s.enrol(RAHUL.aadhaar, 'finger', fmr);
    const ok = await s.authenticate({ idNumber: RAHUL.aadhaar, idKind: 'aadhaar', pidDataXml: sameFinger, wadh }, meta);
    expect(ok.status).toBe('verified');
    if (ok.status === 'verified') expect(ok.ekyc).toMatchObject({ name: 'Rahul Kumar Sharma', maskedAadhaar: 'XXXX XXXX 0016' });

    const other = await capture(await fresh('someone-else'), wadh);
    expect(await s.authenticate({ idNumber: RAHUL.aadhaar, idKind: 'aadhaar', pidDataXml: other, wadh }, meta)).toMatchObject({ status: 'no_match', code: '300' });

    const irisWadh = ekycWadh('I');
    expect(await s.authenticate({ idNumber: RAHUL.aadhaar, idKind: 'aadhaar', pidDataXml: sameFinger, wadh: irisWadh }, meta)).toMatchObject({ status: 'rejected', code: '552' });

    const { s: later } = sandbox({ now: () => new Date(Date.now() + 60 * 60_000) });
    later.enrol(RAHUL.aadhaar, 'finger', fmr);
    expect(await later.authenticate({ idNumber: RAHUL.aadhaar, idKind: 'aadhaar', pidDataXml: sameFinger, wadh }, meta)).toMatchObject({ status: 'rejected', code: '561' });
  });

  it('rejects a tampered PID (Hmac / decryption)', async () => {
    const wadh = ekycWadh('F');
    const xml = await capture(await fresh('resident-rahul'), wadh);
    const tampered = xml.replace(/<Hmac>([A-Za-z0-9+/]{4})/, (_m, g: string) => `<Hmac>${g === 'AAAA' ? 'BBBB' : 'AAAA'}`);
    const { s } = sandbox({ enrolOnFirstUse: true });
    const r = await s.authenticate({ idNumber: RAHUL.aadhaar, idKind: 'aadhaar', pidDataXml: tampered, wadh }, meta);
    expect(r.status).toBe('rejected');
    if (r.status === 'rejected') expect(['503', '564']).toContain(r.code);
  });
});
