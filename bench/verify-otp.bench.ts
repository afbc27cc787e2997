/**
 * Online verification overhead on loopback: kiosk VerifyService (signed axios)
 * → central API (device auth, rate limits, PGlite recording) → uidai-sandbox,
 * for an OTP request + verify pair, and a PAN check. Prints p50/p99 in ms.
 * No target in the issue; the figure shows what our layers add before any real provider's latency.
 */
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { buildServer } from '../server/src/app';
import { openDatabase } from '../server/src/db/database';
import { Migrator } from '../server/src/db/migrator';
import { MemoryOtpOutbox } from '../server/src/providers/uidai-sandbox/otp-outbox';
import { TEST_RESIDENTS } from '../server/src/providers/uidai-sandbox/residents';
import { testUidaiPrivateKeyPem } from '../simulators/rd-service';
import { silentLogger } from '../src/shared/log';
import { VerifyService } from '../src/main/verify';

const ROUNDS = 100;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

const db = await openDatabase();
await new Migrator(db).migrate();
const outbox = new MemoryOtpOutbox();
// The limiter's clock advances 4 minutes per round, so the 5-per-15-minutes limit never refuses a measured round.
let clock = Date.now();
const api = await buildServer({ db, adminToken: 'bench', dataKey: randomBytes(32), verification: { now: () => clock, hashKey: randomBytes(32), providers: { mode: 'test', sandbox: { uidaiPrivateKeyPem: testUidaiPrivateKeyPem(), otpOutbox: outbox } } } });
const base = await api.app.listen({ port: 0, host: '127.0.0.1' });
const { code } = await (await fetch(`${base}/v1/admin/enrolment-codes`, { method: 'POST', headers: { authorization: 'Bearer bench', 'content-type': 'application/json' }, body: '{"branchId":"B"}' })).json() as { code: string };
const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const { deviceId } = await (await fetch(`${base}/v1/devices/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, name: 'bench', publicKey: publicKey.export({ type: 'spki', format: 'pem' }) }) })).json() as { deviceId: string };
const verify = new VerifyService({ credentials: () => ({ baseURL: base, deviceId, privateKey }), takePid: () => undefined, log: silentLogger });

const otpMs: number[] = [];
const panMs: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const caseId = randomUUID();
  clock += 4 * 60_000;
  const who = { agentId: 'bench-agent' };
  const resident = TEST_RESIDENTS[i % 2]!;
  const t0 = performance.now();
  const started = await verify.requestOtp(who, { caseId, consentRef: 'bench', idNumber: resident.aadhaar });
  await verify.verifyOtp(who, { caseId, txnId: started.txnId, otp: outbox.otpFor(started.txnId)! });
  otpMs.push(performance.now() - t0);
  const t1 = performance.now();
  await verify.verifyPan(who, { caseId, consentRef: 'bench', pan: 'ABCPS1234K', name: 'Rahul Kumar Sharma', dob: '1990-05-17' });
  panMs.push(performance.now() - t1);
}
console.log(`otp request+verify through central API (n=${otpMs.length}): p50 ${pct(otpMs, 50).toFixed(1)} ms, p99 ${pct(otpMs, 99).toFixed(1)} ms`);
console.log(`pan check through central API: p50 ${pct(panMs, 50).toFixed(1)} ms, p99 ${pct(panMs, 99).toFixed(1)} ms (n=${panMs.length})`);
await api.app.close();
await db.close();
