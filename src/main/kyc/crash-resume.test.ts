/**
 * Issue 10 crash recovery, end to end on the real store: a child-process kiosk (real host, SQLCipher,
 * the IPC contract) is killed with SIGKILL in the middle of two onboardings; a new host on the same
 * data folder notes the unclean restart, lists the open cases, resumes one at its last safe step and
 * finishes it, a supervisor discards the other, and the audit chain verifies. No Electron here.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChannelName } from '../../shared/ipc';
import { silentLogger } from '../../shared/log';
import { AuditAction, openOnboardingsFromStore, recoverOnStart, RunMarker } from '../app/crash-recovery';
import { loadConfig } from '../config';
import { dispatch } from '../dispatch';
import { createHandlers } from '../handlers';
import { createHost, type Host } from '../host';
import { TEST_AADHAAR } from '../store/test-support/fixtures';

const root = path.resolve(import.meta.dirname, '../../..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vdex-crash-resume-'));
const last4 = TEST_AADHAAR.slice(-4);
let host: Host | undefined;
afterAll(async () => {
  await host?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts the child kiosk, waits for it to be mid-onboarding, kills it with SIGKILL. */
function killMidOnboarding(): Promise<{ caseA: string; caseB: string; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(import.meta.dirname, 'test-support/kiosk-child.ts'), dataDir, last4], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let cases: [string, string] | null = null;
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /MID (\S+) (\S+)/.exec(out);
      if (m && !cases) {
        cases = [m[1]!, m[2]!];
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (c: Buffer) => void (err += c.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => (cases ? resolve({ caseA: cases[0], caseB: cases[1], signal }) : reject(new Error(`child ended before mid-onboarding: ${err}`))));
  });
}

describe('an onboarding interrupted by a killed kiosk', () => {
  it('is listed after restart, resumed at its last safe step and finished; another is discarded; the chain verifies', async () => {
    const { caseA, caseB, signal } = await killMidOnboarding();
    expect(signal).toBe('SIGKILL');

    host = await createHost({ config: loadConfig({ dataDir, demoPeers: false, mode: 'development' }, {}), runtime: 'web', log: silentLogger });
    const h = host;
    const recovery = await recoverOnStart({ marker: new RunMarker(dataDir), log: silentLogger, audit: (e) => void h.store.audit.append(e), listOpenOnboardings: () => openOnboardingsFromStore(h.store) });
    expect(recovery.uncleanShutdown).toBe(true);
    expect(recovery.openOnboardings.map((o) => [o.id, o.status]).sort()).toEqual([[caseA, 'draft'], [caseB, 'draft']].sort());

    const handlers = createHandlers(h);
    const call = (conn: string, channel: ChannelName, input?: unknown) => dispatch(handlers, channel, input, { transport: 'test', connectionId: conn });
    const ok = async <T = any>(conn: string, channel: ChannelName, input?: unknown): Promise<T> => { // eslint-disable-line @typescript-eslint/no-explicit-any
      const r = await call(conn, channel, input);
      if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
      return r.value as T;
    };
    const codeOf = async (conn: string, channel: ChannelName, input?: unknown) => {
      const r = await call(conn, channel, input);
      return r.ok ? 'ok' : r.error.code;
    };

    expect(await codeOf('nobody', 'kyc:open-cases')).toBe('E_AGENT_NOT_LOGGED_IN');
    await ok('agt', 'agents:login', { employeeId: 'AGT-1', kind: 'pin', secret: '2222' });
    await ok('sup', 'agents:login', { employeeId: 'SUP-1', kind: 'password', secret: 'supervisor-1' });

    const open = await ok<Array<{ caseId: string; reached: string; resumeAt: string; maskedId: string | null; method: string | null; makerName: string }>>('agt', 'kyc:open-cases');
    const a = open.find((c) => c.caseId === caseA)!;
    const b = open.find((c) => c.caseId === caseB)!;
    expect(a).toMatchObject({ reached: 'face-match', resumeAt: 'identity', method: 'secure-qr', maskedId: `XXXX XXXX ${last4}`, makerName: 'Ravi' });
    expect(b).toMatchObject({ reached: 'consented', resumeAt: 'method', method: null });
    // What survived is progress only: no number, no name.
    const drafts = JSON.stringify(h.store.db.prepare('SELECT * FROM kyc_drafts').all());
    expect(drafts).not.toContain(TEST_AADHAAR);
    expect(drafts).not.toContain('Test Resident');
    // Supervisors see every agent's open cases, but only the maker resumes one.
    expect((await ok<Array<{ caseId: string }>>('sup', 'kyc:open-cases')).map((c) => c.caseId).sort()).toEqual([caseA, caseB].sort());
    expect(await codeOf('sup', 'kyc:resume', { caseId: caseA })).toBe('E_KYC_NOT_YOUR_CASE');
    // Not in the session until resumed.
    expect(await codeOf('agt', 'kyc:review', { caseId: caseA, faceMatch: true })).toBe('E_KYC_NO_CASE');

    const resumed = await ok('agt', 'kyc:resume', { caseId: caseA });
    expect(resumed).toMatchObject({ caseId: caseA, resumeAt: 'identity', method: 'secure-qr', language: 'hi', consentRef: expect.any(String) });
    expect(resumed.granted.find((g: { purpose: string }) => g.purpose === 'offline-verification')).toMatchObject({ granted: true });
    // Identity evidence was never kept: the face match needs the identity step again.
    expect(await codeOf('agt', 'kyc:review', { caseId: caseA, faceMatch: true })).toBe('E_KYC_BAD_STATE');
    await ok('agt', 'kyc:identity', {
      caseId: caseA, identity: { name: 'Test Resident', maskedId: `XXXX XXXX ${last4}`, last4 },
      evidence: { method: 'secure-qr', summary: 'UIDAI signature valid', verified: true, verifiedAt: new Date().toISOString() },
    });
    await ok('agt', 'kyc:review', { caseId: caseA, faceMatch: true });
    await ok('agt', 'kyc:pan', { caseId: caseA, pan: { status: 'not-provided' } });
    await ok('agt', 'kyc:aml', { caseId: caseA, aml: { level: 'clear', reasons: [], matches: [], requiresReview: false } });
    expect((await ok('agt', 'kyc:decide', { caseId: caseA, decision: { decision: 'approve' } })).status).toBe('approved');

    // An unknown case is refused; a supervisor may discard an agent's case.
    expect(await codeOf('agt', 'kyc:discard', { caseId: 'no-such-case' })).toBe('E_KYC_NO_CASE');
    expect(await ok('sup', 'kyc:discard', { caseId: caseB })).toEqual({ status: 'cancelled' });
    expect(await ok('agt', 'kyc:open-cases')).toEqual([]);
    expect(await codeOf('agt', 'kyc:resume', { caseId: caseB })).toBe('E_KYC_NO_CASE');

    const store = h.store;
    expect(store.records.get(caseA)).toMatchObject({ status: 'approved', aadhaarLast4: last4 });
    expect(store.records.find(caseB)).toBeNull();
    expect(store.consents.listForSession(caseB).length).toBeGreaterThan(0);
    const actions = store.audit.list({ limit: 500 }).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining([AuditAction.UNCLEAN_RESTART, 'kyc.resume', 'kyc.approve', 'kyc.discard']));
    expect(store.audit.list({ subjectRef: caseA }).map((e) => e.action)).toEqual(expect.arrayContaining(['kyc.start', 'kyc.consent', 'kyc.method', 'kyc.identity', 'kyc.face-match', 'kyc.resume', 'kyc.record.saved']));
    expect(JSON.stringify(store.audit.list({ limit: 500 }))).not.toContain(TEST_AADHAAR);
    expect(store.audit.verify()).toMatchObject({ ok: true });
  }, 90_000);
});
