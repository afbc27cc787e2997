/**
 * End to end over loopback: the kiosk's VerifyService (signed axios client) →
 * the central API (Fastify, device auth, embedded PGlite with the seed schema)
 * → the uidai-sandbox; the fingerprint comes from the RD simulator through the
 * kiosk's device hub, presenting the resident's enrolled subject (set through
 * its control endpoint, as an operator would). Nothing is mocked.
 */
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type CentralApi } from '../../server/src/app';
import { openDatabase, type Database } from '../../server/src/db/database';
import { Migrator } from '../../server/src/db/migrator';
import { MemoryOtpOutbox } from '../../server/src/providers/uidai-sandbox/otp-outbox';
import { TEST_RESIDENTS } from '../../server/src/providers/uidai-sandbox/residents';
import { startControlServer, startRdSimulator, testUidaiPrivateKeyPem, type ControlServer, type RdSimulator } from '../../simulators/rd-service';
import { DeviceHub } from '../../src/devices/hub';
import { KioskError } from '../../src/shared/errors';
import { silentLogger } from '../../src/shared/log';
import { VerifyService, type CentralCredentials } from '../../src/main/verify';

const RAHUL = TEST_RESIDENTS[0]!;
const admin = 'admin-verify-e2e';
const who = { agentId: 'AGT-0042' };

describe('kiosk → central API → uidai-sandbox', () => {
  let db: Database;
  let api: CentralApi;
  let creds: CentralCredentials;
  const outbox = new MemoryOtpOutbox();
  const sims: RdSimulator[] = [];
  let control: ControlServer;
  let hub: DeviceHub;
  const present = async (body: Record<string, unknown>) => {
    const res = await fetch(`http://127.0.0.1:${control.port}/present`, { method: 'POST', body: JSON.stringify(body) });
    expect(res.status).toBe(200);
  };
  let verify: VerifyService;

  beforeAll(async () => {
    db = await openDatabase();
    await new Migrator(db).migrate();
    api = await buildServer({
      db, adminToken: admin, dataKey: randomBytes(32),
      verification: { hashKey: randomBytes(32), providers: { mode: 'test', sandbox: { uidaiPrivateKeyPem: testUidaiPrivateKeyPem(), otpOutbox: outbox } } },
    });
    const base = await api.app.listen({ port: 0, host: '127.0.0.1' });
    const code = await (await fetch(`${base}/v1/admin/enrolment-codes`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ branchId: 'BR-7' }) })).json() as { code: string };
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const enrolled = await (await fetch(`${base}/v1/devices/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: code.code, name: 'kiosk-e2e', publicKey: publicKey.export({ type: 'spki', format: 'pem' }) }) })).json() as { deviceId: string };
    creds = { baseURL: base, deviceId: enrolled.deviceId, privateKey };
    const sim = await startRdSimulator({ modality: 'finger', seed: 'e2e-rahul-finger', captureDelayMs: 0 });
    sims.push(sim);
    control = await startControlServer(sim);
    hub = new DeviceHub({ clientOptions: { ports: [sim.port] }, intervalMs: 0 });
    verify = new VerifyService({ credentials: () => creds, takePid: (ref) => hub.takePid(ref), log: silentLogger });
  });
  afterAll(async () => {
    hub.stop();
    await control.close();
    await Promise.all(sims.map((s) => s.close()));
    await api.app.close();
    await db.close();
  });

  it('runs Aadhaar OTP eKYC, and the agent sees the 429 limit with its retry-after', async () => {
    const caseId = randomUUID();
    const started = await verify.requestOtp(who, { caseId, consentRef: 'consent-1', idNumber: '9999 0000 0016' });
    expect(started.maskedMobile).toBe('XXXXXX4321');
    const otp = outbox.otpFor(started.txnId)!;
    const done = await verify.verifyOtp(who, { caseId, txnId: started.txnId, otp });
    expect(done.status).toBe('verified');
    if (done.status === 'verified') expect(done.ekyc).toMatchObject({ name: 'Rahul Kumar Sharma', dob: '1990-05-17', maskedAadhaar: 'XXXX XXXX 0016' });
    expect(verify.status().online).toBe(true);

    for (let i = 0; i < 4; i++) await verify.requestOtp(who, { caseId, consentRef: 'consent-1', idNumber: RAHUL.aadhaar });
    const limited = await verify.requestOtp(who, { caseId, consentRef: 'consent-1', idNumber: RAHUL.aadhaar }).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(KioskError);
    expect(limited).toMatchObject({ code: 'E_OTP_RATE_LIMITED', details: { httpStatus: 429, scope: 'aadhaar' } });
    expect((limited as KioskError).details!.retryAfterSec).toBeGreaterThan(800);
    expect((limited as KioskError).message).not.toContain(RAHUL.aadhaar);
  });

  it('authenticates a fingerprint captured through the device hub, and the PID is gone once sent', async () => {
    const { wadh, env } = await verify.prepareBio('finger');
    await hub.refresh();
    await present({ subject: RAHUL.subject });
    const port = sims[0]!.port;

    const cap = await hub.capture({ port, modality: 'finger', count: 1, timeoutMs: 5000, env, wadh });
    expect(cap.success).toBe(true);
    const caseId = randomUUID();
    const r = await verify.authenticateBio(who, { caseId, consentRef: 'consent-2', idNumber: RAHUL.aadhaar, modality: 'finger', captureRef: cap.captureRef!, wadh });
    expect(r).toMatchObject({ status: 'verified', ekyc: { name: 'Rahul Kumar Sharma', photo: { mime: 'image/jpeg' } } });
    expect(hub.takePid(cap.captureRef!)).toBeUndefined();
    await expect(verify.authenticateBio(who, { caseId, consentRef: 'consent-2', idNumber: RAHUL.aadhaar, modality: 'finger', captureRef: cap.captureRef!, wadh }))
      .rejects.toMatchObject({ code: 'E_BIO_CAPTURE_GONE' });

    // The same finger again (a retry): a new impression, still a match.
    const again = await hub.capture({ port, modality: 'finger', count: 1, timeoutMs: 5000, env, wadh });
    expect(await verify.authenticateBio(who, { caseId, consentRef: 'consent-2', idNumber: RAHUL.aadhaar, modality: 'finger', captureRef: again.captureRef!, wadh })).toMatchObject({ status: 'verified' });

    // Someone else's finger does not match: UIDAI 300.
    await present({ subject: TEST_RESIDENTS[1]!.subject, times: 1 });
    const other = await hub.capture({ port, modality: 'finger', count: 1, timeoutMs: 5000, env, wadh });
    expect(await verify.authenticateBio(who, { caseId, consentRef: 'consent-2', idNumber: RAHUL.aadhaar, modality: 'finger', captureRef: other.captureRef!, wadh })).toMatchObject({ status: 'no_match', code: '300' });
  });

  it('checks PAN and passport through the central API (sandbox documents in test mode)', async () => {
    const caseId = randomUUID();
    expect(await verify.verifyPan(who, { caseId, consentRef: 'c', pan: 'ABCPS1234K', name: 'Rahul Kumar Sharma', dob: '1990-05-17' })).toMatchObject({ status: 'verified', maskedPan: 'XXXXX1234K' });
    expect(await verify.verifyPassport(who, { caseId, consentRef: 'c', fileNumber: 'pn1067476816213', dob: '1990-05-17' })).toMatchObject({ status: 'verified', surname: 'SHARMA' });
  });

  it('offline: answers E_NEEDS_NETWORK naming the offline paths, whether unreachable or not enrolled', async () => {
    const closed = { ...creds, baseURL: 'http://127.0.0.1:9' };
    const offline = new VerifyService({ credentials: () => closed, takePid: () => undefined, log: silentLogger });
    const e1 = await offline.requestOtp(who, { caseId: randomUUID(), consentRef: 'c', idNumber: RAHUL.aadhaar }).catch((e: unknown) => e);
    expect(e1).toMatchObject({ code: 'E_NEEDS_NETWORK', details: { offlinePaths: ['secure-qr', 'offline-xml', 'ovd'] } });
    expect(offline.status().online).toBe(false);
    const unenrolled = new VerifyService({ credentials: () => undefined, takePid: () => undefined, log: silentLogger });
    await expect(unenrolled.verifyPan(who, { caseId: randomUUID(), consentRef: 'c', pan: 'ABCPS1234K', name: 'R', dob: '1990-05-17' }))
      .rejects.toMatchObject({ code: 'E_NEEDS_NETWORK', details: { reason: 'not-enrolled' } });
  });
});
