/**
 * A child kiosk for crash-resume.test.ts: the real host (encrypted store, agents, kyc) in its own
 * process, driven through the IPC contract as the renderer would. It leaves two onboardings
 * mid-way, prints `MID <caseA> <caseB>` and waits to be killed with SIGKILL.
 */
import { writeSync } from 'node:fs';
import { RunMarker } from '../../app/crash-recovery';
import { loadConfig } from '../../config';
import { dispatch } from '../../dispatch';
import { createHandlers } from '../../handlers';
import { createHost } from '../../host';
import { silentLogger } from '../../../shared/log';

const [dataDir, aadhaarLast4] = process.argv.slice(2) as [string, string];
new RunMarker(dataDir).begin();
const host = await createHost({ config: loadConfig({ dataDir, demoPeers: false, mode: 'development' }, {}), runtime: 'web', log: silentLogger });
const handlers = createHandlers(host);
const ok = async <T = unknown>(conn: string, channel: string, input?: unknown): Promise<T> => {
  const r = await dispatch(handlers, channel as never, input, { transport: 'test', connectionId: conn });
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
};

await ok('sup', 'agents:setup', { employeeId: 'SUP-1', name: 'Asha', password: 'supervisor-1', pin: '1111' });
await ok('sup', 'agents:create', { employeeId: 'AGT-1', name: 'Ravi', role: 'agent', password: 'agent-pass-1', pin: '2222' });
await ok('agt', 'agents:login', { employeeId: 'AGT-1', kind: 'pin', secret: '2222' });
const text = await ok<{ version: string; items: Array<{ purpose: string; hash: string }> }>('agt', 'kyc:consent-text', { language: 'hi' });
const consent = (caseId: string) => ok('agt', 'kyc:consent', { caseId, language: 'hi', version: text.version, channel: 'screen', items: text.items.map((i) => ({ purpose: i.purpose, hash: i.hash, granted: true })) });

// Case A: through identity and the face match.
const a = await ok<{ caseId: string }>('agt', 'kyc:start', { language: 'hi' });
await consent(a.caseId);
await ok('agt', 'kyc:method', { caseId: a.caseId, method: 'secure-qr' });
await ok('agt', 'kyc:identity', {
  caseId: a.caseId,
  identity: { name: 'Test Resident', maskedId: `XXXX XXXX ${aadhaarLast4}`, last4: aadhaarLast4 },
  evidence: { method: 'secure-qr', summary: 'UIDAI signature valid', verified: true, verifiedAt: new Date().toISOString(), reference: 'qr-ref-1' },
});
await ok('agt', 'kyc:review', { caseId: a.caseId, faceMatch: true });
// Case B: consent only.
const b = await ok<{ caseId: string }>('agt', 'kyc:start', { language: 'en' });
await consent(b.caseId);

writeSync(1, `MID ${a.caseId} ${b.caseId}\n`);
setInterval(() => undefined, 60_000);
