import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRdSimulator, testUidaiPrivateKeyPem, type RdSimulator } from '../../../../simulators/rd-service';
import { RdClient } from '../../../../src/devices/rd';
import { freshDatabase } from '../../../test/db';
import { adminCall, enrolDevice, type TestDevice } from '../../../test/device';
import { buildServer, type CentralApi } from '../../app';
import type { Database } from '../../db/database';
import { Migrator } from '../../db/migrator';
import { IDFY_KEYS, IdfyEmulator } from '../../providers/idfy/idfy.emulator';
import { MemoryOtpOutbox } from '../../providers/uidai-sandbox/otp-outbox';
import { TEST_RESIDENTS } from '../../providers/uidai-sandbox/residents';

const RAHUL = TEST_RESIDENTS[0]!;
const LAKSHMI = TEST_RESIDENTS[1]!;
const admin = 'admin-token-verify-tests';

describe('/v1/verify over real HTTP, device auth and PostgreSQL', () => {
  let db: Database;
  let api: CentralApi;
  let base: string;
  let kiosk: TestDevice;
  let idfy: IdfyEmulator;
  const outbox = new MemoryOtpOutbox();
  const sims: RdSimulator[] = [];
  const journey = () => ({ journeyId: randomUUID(), consentRef: 'consent-abc', agentId: `agent-${randomBytes(3).toString('hex')}` });

  beforeAll(async () => {
    db = (await freshDatabase()).db;
    await new Migrator(db).migrate();
    idfy = await new IdfyEmulator().start();
    idfy.pans.set('ABCPS1234K', { name: 'RAHUL KUMAR SHARMA', dob: '1990-05-17' });
    api = await buildServer({
      db, adminToken: admin, dataKey: randomBytes(32),
      verification: {
        hashKey: randomBytes(32),
        providers: {
          mode: 'test',
          idfy: { baseURL: idfy.url, ...IDFY_KEYS, pollIntervalMs: 10 },
          sandbox: { uidaiPrivateKeyPem: testUidaiPrivateKeyPem(), otpOutbox: outbox },
          guards: { idfy: { timeoutMs: 500, retry: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 }, breaker: { consecutiveFailures: 3, halfOpenAfterMs: 300 } } },
        },
      },
    });
    base = await api.app.listen({ port: 0, host: '127.0.0.1' });
    kiosk = await enrolDevice(base, admin);
  });
  afterAll(async () => {
    await api.app.close();
    await db.close();
    await idfy.stop();
    await Promise.all(sims.map((s) => s.close()));
  });

  it('needs a device identity', async () => {
    const res = await fetch(`${base}/v1/verify/otp/request`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(401);
    expect((await adminCall(base, admin, 'POST', '/v1/verify/pan', {})).status).toBe(403);
  });

  it('runs OTP eKYC against the sandbox and records every attempt without the OTP or the number', async () => {
    const j = journey();
    const started = await kiosk.request('POST', '/v1/verify/otp/request', { idNumber: RAHUL.aadhaar, ...j });
    expect(started.status).toBe(200);
    expect(started.json).toMatchObject({ provider: 'uidai-sandbox', maskedMobile: 'XXXXXX4321', resendAfterSec: 45 });
    const otp = outbox.otpFor(started.json.txnId)!;
    const wrong = await kiosk.request('POST', '/v1/verify/otp/verify', { txnId: started.json.txnId, otp: otp === '000000' ? '111111' : '000000', journeyId: j.journeyId, agentId: j.agentId });
    expect(wrong.json).toEqual({ status: 'otp_invalid', attemptsLeft: 2 });
    const ok = await kiosk.request('POST', '/v1/verify/otp/verify', { txnId: started.json.txnId, otp, journeyId: j.journeyId, agentId: j.agentId });
    expect(ok.status).toBe(200);
    expect(ok.json.status).toBe('verified');
    expect(ok.json.ekyc).toMatchObject({ name: 'Rahul Kumar Sharma', maskedAadhaar: 'XXXX XXXX 0016', photo: { mime: 'image/jpeg' } });
    // The transaction is spent.
    expect((await kiosk.request('POST', '/v1/verify/otp/verify', { txnId: started.json.txnId, otp, journeyId: j.journeyId, agentId: j.agentId })).json.code).toBe('E_OTP_TXN_UNKNOWN');

    const attempts = await db.query<{ status: string; attempt_no: number }>('SELECT status, attempt_no FROM otp_attempts WHERE txn_ref = $1 ORDER BY created_at', [started.json.txnId]);
    expect(attempts.rows.map((r) => r.status)).toEqual(['sent', 'failed', 'verified']);
    const v = await db.query<{ status: string; aadhaar_last4: string; attempt_count: number }>('SELECT status, aadhaar_last4, attempt_count FROM aadhaar_verifications WHERE provider_txn_id = $1', [started.json.txnId]);
    expect(v.rows[0]).toMatchObject({ status: 'verified', aadhaar_last4: '0016', attempt_count: 2 });
    const calls = await db.query<{ endpoint: string }>("SELECT endpoint FROM api_requests WHERE provider = 'uidai-sandbox'");
    expect(calls.rows.map((r) => r.endpoint)).toEqual(expect.arrayContaining(['uidai-sandbox.initiate', 'uidai-sandbox.verify']));
    for (const table of ['otp_attempts', 'aadhaar_verifications', 'api_requests', 'users']) {
      const dump = JSON.stringify((await db.query(`SELECT * FROM ${table}`)).rows);
      expect(dump, table).not.toContain(RAHUL.aadhaar);
      expect(dump, table).not.toContain(`"${otp}"`);
    }
  });

  it('limits OTP requests to 5 per 15 minutes per Aadhaar and per agent, with Retry-After', async () => {
    const j = journey();
    for (let i = 0; i < 5; i++) expect((await kiosk.request('POST', '/v1/verify/otp/request', { idNumber: LAKSHMI.aadhaar, ...j, agentId: `a-${i}-${j.agentId}` })).status).toBe(200);
    const sixth = await kiosk.request('POST', '/v1/verify/otp/request', { idNumber: LAKSHMI.aadhaar, ...j });
    expect(sixth.status).toBe(429);
    expect(sixth.json).toMatchObject({ code: 'E_OTP_RATE_LIMITED', scope: 'aadhaar' });
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(sixth.json.message).not.toContain(LAKSHMI.aadhaar);

    const agent = journey();
    const numbers = [RAHUL.aadhaar, RAHUL.vid!, RAHUL.aadhaar, RAHUL.vid!, RAHUL.aadhaar];
    for (const n of numbers) expect((await kiosk.request('POST', '/v1/verify/otp/request', { idNumber: n, ...agent })).status, n.slice(-4)).not.toBe(429);
    const byAgent = await kiosk.request('POST', '/v1/verify/otp/request', { idNumber: RAHUL.vid!, ...agent });
    expect(byAgent.status).toBe(429);
    expect(byAgent.json.scope).toBe('agent');
    const limited = await db.query("SELECT 1 FROM api_requests WHERE status_code = 429 AND provider = 'central-api'");
    expect(limited.rowCount).toBe(2);
  });

  it('rejects bad input with stable codes', async () => {
    const j = journey();
    expect((await kiosk.request('POST', '/v1/verify/otp/request', { idNumber: '999900000017', ...j })).json.code).toBe('E_VERIFY_BAD_AADHAAR');
    expect((await kiosk.request('POST', '/v1/verify/otp/verify', { txnId: 'x', otp: '12ab56', journeyId: j.journeyId, agentId: 'a' })).json.code).toBe('E_BAD_INPUT');
    expect((await kiosk.request('POST', '/v1/verify/pan', { pan: 'ABC', name: 'x', dob: '1990-01-01', ...j })).json.code).toBe('E_VERIFY_BAD_PAN');
    expect((await kiosk.request('POST', '/v1/verify/otp/request', { idNumber: TEST_RESIDENTS[2]!.aadhaar, ...j })).json).toMatchObject({ code: 'E_VERIFY_REFUSED' });
  });

  it('shows the IDfy breaker opening and closing in /health and /metrics', async () => {
    const j = journey();
    const pan = () => kiosk.request('POST', '/v1/verify/pan', { pan: 'ABCPS1234K', name: 'Rahul Kumar Sharma', dob: '1990-05-17', ...j });
    expect((await pan()).json).toMatchObject({ status: 'verified', maskedPan: 'XXXXX1234K', provider: 'idfy' });
    idfy.enqueue({ status: 503 }, { status: 503 }, { status: 503 });
    for (let i = 0; i < 3; i++) expect((await pan()).json.code).toBe('E_PROVIDER_UNAVAILABLE');
    const health = await (await fetch(`${base}/health`)).json() as { providers: Record<string, { breaker: string; status: string }> };
    expect(health.providers.idfy).toMatchObject({ breaker: 'open', status: 'down' });
    expect(health.providers['uidai-sandbox']).toMatchObject({ breaker: 'closed', status: 'up' });
    const refused = await pan();
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const metrics = (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${admin}` } }).then((r) => r.text()));
    expect(metrics).toMatch(/vdex_provider_breaker_state\{provider="idfy"\} 1/);
    expect(metrics).toMatch(/vdex_provider_requests_total\{provider="idfy",outcome="circuit_open"\} 1/);
    await new Promise((r) => setTimeout(r, 350));
    expect((await pan()).json.status).toBe('verified');
    const after = await (await fetch(`${base}/health`)).json() as { providers: Record<string, { breaker: string }> };
    expect(after.providers.idfy!.breaker).toBe('closed');
  });

  it('authenticates a fingerprint captured from the RD simulator, refuses its replay (563) and a wadh issued for another modality', async () => {
    const j = journey();
    const { json: w } = await kiosk.request('GET', '/v1/verify/bio/wadh?modality=finger');
    expect(w.env).toBe('S');
    // The simulator presents the resident's enrolled subject, as their finger on a real sensor.
    const sim = await startRdSimulator({ modality: 'finger', seed: 'verify-route-finger', subject: RAHUL.subject, captureDelayMs: 0 });
    sims.push(sim);
    const cap = await new RdClient().capture({ port: sim.port }, { fCount: 1, fType: 0, timeout: 5000, env: 'S', wadh: w.wadh, posh: ['UNKNOWN'] });

    const res = await kiosk.request('POST', '/v1/verify/bio/authenticate', { idNumber: RAHUL.aadhaar, modality: 'finger', pidDataXml: cap.xml, wadh: w.wadh, ...j });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'verified', ekyc: { name: 'Rahul Kumar Sharma', gender: 'M' } });
    const replay = await kiosk.request('POST', '/v1/verify/bio/authenticate', { idNumber: RAHUL.aadhaar, modality: 'finger', pidDataXml: cap.xml, wadh: w.wadh, ...j });
    expect(replay.json).toMatchObject({ status: 'rejected', code: '563' });
    const wrongWadh = await kiosk.request('POST', '/v1/verify/bio/authenticate', { idNumber: RAHUL.aadhaar, modality: 'iris', pidDataXml: cap.xml, wadh: w.wadh, ...j });
    expect(wrongWadh.json.code).toBe('E_BIO_BAD_WADH');
  });
});
