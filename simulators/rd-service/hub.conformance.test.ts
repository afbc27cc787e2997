/**
 * The device hub through the host and the IPC contract, with demo peers
 * injected as in-process simulators on private ports; plus the default demo
 * path (child processes of `vdex simulate rd`). (Under simulators/: src/ may not import it.)
 */
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/main/config';
import { spawnDemoPeers } from '../../src/main/devices/demo-peers';
import { dispatch } from '../../src/main/dispatch';
import { createHandlers } from '../../src/main/handlers';
import { createHost, type Host } from '../../src/main/host';
import { silentLogger } from '../../src/shared/log';
import { verifyPidBlock } from '../../src/devices/rd/pid/verify';
import { DeviceHub } from '../../src/devices/hub';
import { startRdSimulator, testUidaiPrivateKeyPem } from './index';
import { freePort } from '../../test/support/ports';


const hosts: Host[] = [];
afterAll(async () => {
  for (const h of hosts) await h.close();
});

describe('device hub via the host', () => {
  it('demo peers appear as devices:changed; rd:* channels capture, redeem once, cancel', async () => {
    const [fp, ir] = [await freePort(), await freePort()];
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vdex-rd-'));
    const host = await createHost({
      config: loadConfig({ dataDir, demoPeers: true, mode: 'demo' }, {}),
      runtime: 'web',
      log: silentLogger,
      rdPorts: [fp, ir],
      startDemoPeers: async () => {
        const sims = await Promise.all([
          startRdSimulator({ port: fp, modality: 'finger', personality: 'mantra', captureDelayMs: 300 }),
          startRdSimulator({ port: ir, modality: 'iris', personality: 'spec', captureDelayMs: 20 }),
        ]);
        return { peers: sims.map((s) => ({ modality: s.modality, port: s.port })), stop: async () => void (await Promise.all(sims.map((s) => s.close()))) };
      },
    });
    hosts.push(host);
    const changed = new Promise<unknown>((resolve) => host.events.on('devices:changed', (p) => { if (p.devices.length === 2) resolve(p); }));
    const progress: string[] = [];
    host.events.on('rd:progress', (p) => progress.push(p.stage));
    await changed;
    const handlers = createHandlers(host);
    const call = (channel: string, input?: unknown) => dispatch(handlers, channel, input, { transport: 'test', connectionId: 't' });

    const discovered = await call('rd:discover');
    expect(discovered.ok).toBe(true);
    const devices = (discovered as { value: { devices: Array<{ port: number; modality: string; status: string }> } }).value.devices;
    expect(devices.map((d) => [d.port, d.modality, d.status]).sort()).toEqual([[fp, 'finger', 'READY'], [ir, 'iris', 'READY']].sort());

    const info = await call('rd:info', { port: ir });
    expect(info).toMatchObject({ ok: true, value: { modality: 'iris', device: { mi: 'VDXSIMIR10' } } });

    const captured = await call('rd:capture', { port: ir, modality: 'iris' });
    expect(captured).toMatchObject({ ok: true, value: { success: true, errCode: '0', qScore: [expect.any(Number)] } });
    const value = (captured as { value: { captureRef: string; payload: { sha256: string } } }).value;
    expect(JSON.stringify(value)).not.toMatch(/Skey|Hmac|<Data/); // the PID block never leaves main
    const xml = host.devices.hub.takePid(value.captureRef)!;
    expect(verifyPidBlock({ pidData: xml, privateKeyPem: testUidaiPrivateKeyPem(), maxSkewMs: 60_000 }).ok).toBe(true);
    expect(host.devices.hub.takePid(value.captureRef)).toBeUndefined();
    expect(progress).toEqual(['capturing', 'done']);

    const running = call('rd:capture', { port: fp, modality: 'finger', count: 2 });
    await new Promise((r) => setTimeout(r, 120));
    expect(await call('rd:cancel', { port: fp })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await running).toMatchObject({ ok: false, error: { code: 'E_RD_CANCELLED' } });
    expect(await call('rd:cancel', { port: fp })).toEqual({ ok: true, value: { cancelled: false } });
    expect(await call('rd:capture', { port: fp, modality: 'finger', count: 11 })).toMatchObject({ ok: false, error: { code: 'E_IPC_BAD_INPUT' } });

    expect((await host.checkHealth()).services.find((s) => s.name === 'devices')).toMatchObject({ status: 'up', detail: '2 of 2 RD device(s) ready' });
    await host.close();
    // The injected peers were stopped on close.
    await expect(new Promise((resolve, reject) => net.connect(fp, '127.0.0.1').on('connect', resolve).on('error', reject))).rejects.toThrow();
  });

  it('the periodic re-check notices a status change and emits changed', async () => {
    const s = await startRdSimulator({ modality: 'finger' });
    const hub = new DeviceHub({ intervalMs: 100, clientOptions: { ports: [s.port], budgetMs: 500 } });
    const seen: string[] = [];
    const notReady = new Promise<void>((resolve) => hub.on('changed', (d) => { seen.push(d.map((x) => x.status).join()); if (d[0]?.status === 'NOTREADY') resolve(); }));
    try {
      await hub.refresh();
      hub.start();
      s.setStatus('NOTREADY');
      await notReady;
      expect(seen).toEqual(['READY', 'NOTREADY']);
    } finally {
      hub.stop();
      await s.close();
    }
  });

  it('the default demo path spawns `vdex simulate rd` children that answer, and stops them', async () => {
    const peers = await spawnDemoPeers(silentLogger);
    try {
      expect(peers.peers.map((p) => p.modality)).toEqual(['finger', 'iris']);
      for (const p of peers.peers) expect(p.port).toBeGreaterThanOrEqual(11100);
    } finally {
      const t0 = Date.now();
      await peers.stop();
      // Stopped through the stdin lifeline, before the SIGTERM fallback at 2 s.
      expect(Date.now() - t0).toBeLessThan(2000);
    }
    for (const p of peers.peers) {
      await expect(new Promise((resolve, reject) => net.connect(p.port, '127.0.0.1').on('connect', resolve).on('error', reject))).rejects.toThrow();
    }
  }, 30_000);
});
