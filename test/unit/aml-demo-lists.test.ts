/**
 * Demo mode screens against real lists with no set-up: the kiosk host spawns its demo central API
 * (`vdex server start` on PGlite, a real child process, which builds and signs a bundle from
 * resources/watchlists/demo), enrols, trusts the demo server's key and fetches the bundle right
 * after enrolment. One server child for the whole file (it takes 5-20 s to start, more on a
 * loaded machine: the waits below are bounds, not targets).
 * Not real here: the RD simulators (demo peers) are replaced by none, as they play no part.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/main/config';
import { dispatch } from '../../src/main/dispatch';
import { createHandlers } from '../../src/main/handlers';
import { createHost, type Host } from '../../src/main/host';
import { createAmlService } from '../../src/main/aml/create';
import type { Logger } from '../../src/shared/log';

const lines: string[] = [];
const recordingLog: Logger = {
  debug: () => undefined,
  info: (o, m) => void lines.push(`info ${m ?? ''} ${JSON.stringify(o)}`),
  warn: (o, m) => void lines.push(`warn ${m ?? ''} ${JSON.stringify(o)}`),
  error: (o, m) => void lines.push(`error ${m ?? ''} ${JSON.stringify(o)}`),
  child: () => recordingLog,
};
const ctx = { transport: 'test' as const, connectionId: 'aml-demo' };

let dataDir: string;
let host: Host;
let bundleKeys: Record<string, string> | undefined;
/** Kiosk start to lists loaded, and enrolment to lists loaded. */
const timing = { startToLoadedMs: 0, enrolledToLoadedMs: 0 };

async function until<T>(what: string, get: () => Promise<T> | T, ok: (v: T) => boolean, timeoutMs: number, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; log:\n${lines.join('\n')}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'vdex-aml-demo-'));
  const started = Date.now();
  host = await createHost({
    config: loadConfig({ dataDir, demoPeers: true, mode: 'demo' }, {}),
    runtime: 'web',
    log: recordingLog,
    startDemoPeers: async () => ({ peers: [], stop: async () => undefined }),
    rdPorts: [],
  });
  // Listen beside the host for the demo server's key (the same path the host's AML service uses).
  let enrolledAt = 0;
  host.sync!.onConnected((c) => {
    bundleKeys = c.bundleKeys;
    enrolledAt = Date.now();
  });
  await until('enrolment with the demo central API', () => enrolledAt, (t) => t > 0, 85_000);
  await until('lists loaded', () => host.aml.status(), (s) => s.loaded, 15_000, 5);
  timing.enrolledToLoadedMs = Date.now() - enrolledAt;
  timing.startToLoadedMs = Date.now() - started;
}, 105_000);

afterAll(async () => {
  await host?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('demo mode: watchlists from the demo central API', () => {
  it('after enrolment aml:lists reports the signed demo bundle (UN + UAPA), fetched at once rather than at the hourly check', async () => {
    const r = await dispatch(createHandlers(host), 'aml:lists', undefined, ctx);
    expect(r.ok).toBe(true);
    const st = r.ok ? (r.value as ReturnType<Host['aml']['status']>) : undefined;
    expect(st).toMatchObject({ loaded: true, origin: 'bundle', entities: 1042, lastCheck: { outcome: 'installed' } });
    expect(st!.version).toMatch(/^lists-[0-9a-f]{16}$/);
    expect(st!.sources.map((s) => [s.list, s.version])).toEqual([['UN', '2026-02-27T00:00:09.554Z'], ['UAPA', '2023-12-18']]);
    // The demo key came through the server child's start answer; nothing was configured.
    expect(Object.keys(bundleKeys ?? {})).toEqual([expect.stringMatching(/^wl-[0-9a-f]{16}$/)]);
    expect(Date.parse(st!.lastCheck!.at)).toBeGreaterThanOrEqual(Date.now() - timing.enrolledToLoadedMs - 1_000);
    process.stdout.write(`demo lists: start→loaded ${timing.startToLoadedMs} ms, enrolled→loaded ${timing.enrolledToLoadedMs} ms (of which index build ${st!.indexBuildMs} ms)\n`);
  });

  it('aml:screen on a UN-listed name from the demo set is a CRITICAL hit; an unlisted name is not', async () => {
    const handlers = createHandlers(host);
    const hit = await dispatch(handlers, 'aml:screen', { name: 'Dawood Ibrahim Kaskar', dob: '1955-12-26', country: 'IN' }, ctx);
    expect(hit).toMatchObject({ ok: true, value: { risk: { band: 'CRITICAL' }, hits: [expect.objectContaining({ entityId: 'UN:QDi.135', list: 'UN' })] } });
    const uapa = await dispatch(handlers, 'aml:screen', { name: 'Babbar Khalsa International', kind: 'organisation' }, ctx);
    expect(uapa).toMatchObject({ ok: true, value: { hits: [expect.objectContaining({ list: 'UAPA' })] } });
    const clear = await dispatch(handlers, 'aml:screen', { name: 'Priya Raghunathan', dob: '1991-04-12', country: 'IN' }, ctx);
    expect(clear).toMatchObject({ ok: true, value: { hits: [] } });
  });

  it('after a kiosk restart the installed demo bundle loads once the key is back; production never trusts the demo key', async () => {
    const creds = host.sync!.credentials();
    // Restart: the bundle on disk waits for the demo key (refused without it), then loads; the fetch finds it unchanged.
    const restarted = createAmlService({ dataDir, log: recordingLog, store: () => undefined, config: { mode: 'demo', amlBundleKeys: {} }, env: {} });
    expect(restarted.status().loaded).toBe(false);
    expect(lines.some((l) => l.startsWith('info installed AML bundle waits for its signing key'))).toBe(true);
    const check = await restarted.centralConnected(creds, bundleKeys);
    expect(check).toMatchObject({ outcome: 'unchanged', version: host.aml.status().version });
    expect(restarted.status()).toMatchObject({ loaded: true, origin: 'bundle' });

    const otherDir = mkdtempSync(path.join(os.tmpdir(), 'vdex-aml-prod-'));
    try {
      const production = createAmlService({ dataDir: otherDir, log: recordingLog, store: () => undefined, config: { mode: 'production', amlBundleKeys: {} }, env: {} });
      const refused = await production.centralConnected(creds, bundleKeys);
      expect(refused).toMatchObject({ outcome: 'refused', code: 'E_AML_BUNDLE_UNTRUSTED' });
      expect(production.status().loaded).toBe(false);
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
  });
});
