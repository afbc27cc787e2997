/**
 * The signed configuration reaching the services: the policy's idle lock in the agents service
 * (environment override only outside production), the `config` health check naming the source,
 * and the consent texts found under Electron's resourcesPath when packaged.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../shared/log';
import { idleLockSeconds } from '../agents';
import { createHost } from '../host';
import { findResourcesDir } from '../kyc/consent-texts';
import { CONFIG_FILE_NAME, configHealth, loadConfig, resolveKioskConfig, signConfig } from '.';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'vdex-wiring-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('signed config wiring', () => {
  it('the signed policy sets the agents idle lock and the config health check names the signed file', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const dataDir = tmp();
    writeFileSync(path.join(dataDir, CONFIG_FILE_NAME), signConfig({
      // A closed loopback port: nothing leaves the machine.
      centralApiUrl: 'http://127.0.0.1:9/api', branchId: 'MUM-0042', issuedAt: '2026-01-01T00:00:00.000Z',
      policy: { idleLockSeconds: 90, idleResetSeconds: 240, retentionDays: 45, logRetentionDays: 7 },
    }, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()));
    const r = resolveKioskConfig({ overrides: { mode: 'development', dataDir, demoPeers: false }, env: {}, trustedKeys: [publicKey.export({ type: 'spki', format: 'pem' }).toString()] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const saved = process.env.VDEX_IDLE_LOCK_SECONDS;
    delete process.env.VDEX_IDLE_LOCK_SECONDS;
    const host = await createHost({ config: r.config, runtime: 'cli', log: silentLogger });
    try {
      expect((await host.agents.status('c1')).idleLockSeconds).toBe(90);
      const health = await host.checkHealth();
      expect(health.services.find((s) => s.name === 'config')).toMatchObject({ status: 'up', detail: expect.stringContaining('signed file for branch MUM-0042') });
    } finally {
      await host.close();
      if (saved !== undefined) process.env.VDEX_IDLE_LOCK_SECONDS = saved;
    }
  });

  it('VDEX_IDLE_LOCK_SECONDS overrides the policy outside production only', () => {
    const env = { VDEX_IDLE_LOCK_SECONDS: '4' };
    expect(idleLockSeconds({ mode: 'development', policySeconds: 90 }, env)).toBe(4);
    expect(idleLockSeconds({ mode: 'demo', policySeconds: 90 }, env)).toBe(4);
    expect(idleLockSeconds({ mode: 'production', policySeconds: 90 }, env)).toBe(90);
    expect(idleLockSeconds({ mode: 'development', policySeconds: 90 }, {})).toBe(90);
    expect(idleLockSeconds({ mode: 'development', policySeconds: 90 }, { VDEX_IDLE_LOCK_SECONDS: 'abc' })).toBe(90);
  });

  it('the config health check says demo defaults, and is degraded for production without a signed file', () => {
    const demo = loadConfig({ mode: 'demo', dataDir: '/tmp/x' }, {});
    expect(configHealth(demo)).toEqual({ status: 'up', detail: 'demo defaults, no signed file (idle lock 120 s, retention 30 d)' });
    expect(configHealth({ ...demo, mode: 'production' }).status).toBe('degraded');
  });

  it('consent texts: Electron resourcesPath first when it holds consent/, else the sources\' resources folder', () => {
    const saved = process.env.VDEX_RESOURCES_DIR;
    delete process.env.VDEX_RESOURCES_DIR;
    try {
      const packaged = tmp();
      mkdirSync(path.join(packaged, 'consent'));
      expect(findResourcesDir(undefined, packaged)).toBe(packaged);
      const fromSources = findResourcesDir(undefined, tmp());
      expect(fromSources).toBe(path.resolve(import.meta.dirname, '../../../resources'));
      expect(findResourcesDir(undefined, undefined)).toBe(fromSources);
    } finally {
      if (saved !== undefined) process.env.VDEX_RESOURCES_DIR = saved;
    }
  });
});
