/**
 * Crash recovery with the real store (SQLCipher, FileKeyStore) and a real child process that dies
 * of an uncaught error. No Electron here: the renderer side is exercised through the same
 * functions the Electron glue calls (the renderer process itself cannot exist without Electron).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../shared/log';
import { crashAction } from '../electron/policy';
import { FileKeyStore, Store } from '../store';
import { seedAgent, TEST_AADHAAR, TEST_AGENT_ID } from '../store/test-support/fixtures';
import { AuditAction, onRendererGone, openOnboardingsFromStore, recoverOnStart, RunMarker, safeAudit } from './crash-recovery';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'vdex-crash-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('uncaught main-process error', () => {
  it('is logged (redacted) and audited, marks the run, exits non-zero; the next start recovers the open onboarding from the database', async () => {
    const dataDir = tmp();
    const child = spawnSync(path.join(root, 'node_modules/.bin/tsx'), [path.join(here, 'test-support/crash-main-child.ts'), dataDir, TEST_AADHAAR], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(child.status, child.stderr).toBe(1);

    const marker = new RunMarker(dataDir);
    expect(JSON.parse(readFileSync(marker.file, 'utf8')).crash).toMatchObject({ kind: 'uncaughtException', code: 'Error' });
    const logs = readdirSync(path.join(dataDir, 'logs')).map((f) => readFileSync(path.join(dataDir, 'logs', f), 'utf8')).join('');
    expect(logs).toContain('uncaught error in the main process');
    expect(logs).toContain(`XXXX XXXX ${TEST_AADHAAR.slice(-4)}`);
    expect(logs).not.toContain(TEST_AADHAAR);

    // Restart: an onboarding was pending in the database when the kiosk died.
    const store = await Store.open({ dataDir, mode: 'development', keyStore: new FileKeyStore(dataDir) });
    try {
      seedAgent(store);
      store.records.insert({ id: 'rec-1', reference: 'VDX-20261122-ABC123', branchId: 'BR-1', agentId: TEST_AGENT_ID, method: 'qr', status: 'pending', submittedAt: new Date().toISOString() });
      const report = await recoverOnStart({ marker, log: silentLogger, audit: (e) => void store.audit.append(e), listOpenOnboardings: () => openOnboardingsFromStore(store) });
      expect(report.uncleanShutdown).toBe(true);
      expect(report.previous?.crash?.kind).toBe('uncaughtException');
      expect(report.openOnboardings).toEqual([expect.objectContaining({ id: 'rec-1', reference: 'VDX-20261122-ABC123', status: 'pending' })]);
      const actions = store.audit.list().map((e) => e.action);
      expect(actions).toContain(AuditAction.MAIN_ERROR);
      expect(actions).toContain(AuditAction.UNCLEAN_RESTART);
      expect(JSON.stringify(store.audit.list())).not.toContain(TEST_AADHAAR);
      expect(store.audit.verify()).toMatchObject({ ok: true });
    } finally {
      store.close();
    }

    // A clean shutdown removes the marker, so the start after it is a clean one.
    marker.end();
    expect(existsSync(marker.file)).toBe(false);
    expect((await recoverOnStart({ marker, log: silentLogger })).uncleanShutdown).toBe(false);
  }, 90_000);
});

describe('renderer crash', () => {
  it('is audited in the store’s chain with its reason and the recovery chosen; repeated crashes go out of service', async () => {
    const dataDir = tmp();
    const store = await Store.open({ dataDir, mode: 'development', keyStore: new FileKeyStore(dataDir) });
    try {
      const crashes: number[] = [];
      const actions: string[] = [];
      for (let i = 0; i < 3; i++) {
        crashes.push(Date.now());
        const action = crashAction(crashes, Date.now());
        actions.push(action);
        onRendererGone({ details: { reason: 'crashed', exitCode: 139 }, action, log: silentLogger, audit: (e) => void store.audit.append(e) });
      }
      expect(actions).toEqual(['reload', 'reload', 'out-of-service']);
      const entries = store.audit.list().filter((e) => e.action === AuditAction.RENDERER_CRASH);
      expect(entries.map((e) => e.details)).toEqual([
        { reason: 'crashed', exitCode: 139, recovery: 'reload' },
        { reason: 'crashed', exitCode: 139, recovery: 'reload' },
        { reason: 'crashed', exitCode: 139, recovery: 'out-of-service' },
      ]);
    } finally {
      store.close();
    }
  });

  it('a failing or missing audit never throws out of the crash handler', () => {
    expect(safeAudit(() => { throw new Error('db locked'); }, silentLogger, { action: 'x' })).toBe(false);
    expect(safeAudit(undefined, silentLogger, { action: 'x' })).toBe(false);
  });
});
