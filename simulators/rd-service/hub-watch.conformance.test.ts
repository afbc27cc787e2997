/**
 * The hub's fast presence watch against real simulators on private loopback
 * ports, with the slow full re-scan switched off so only the watch can notice.
 * (Under simulators/: src/ may not import it.)
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { RdDevice } from '../../src/shared/ipc/rd';
import { DeviceHub } from '../../src/devices/hub';
import { recheckKnown } from '../../src/devices/rd/watch';
import { startRdSimulator } from './index';
import { freePorts } from '../../test/support/ports';


/** Resolves with the first `changed` payload that satisfies `ok` (generous deadline: the machine is shared). */
function nextChange(hub: DeviceHub, ok: (d: RdDevice[]) => boolean, deadlineMs = 15_000): Promise<RdDevice[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { off(); reject(new Error('no matching devices:changed')); }, deadlineMs);
    const off = hub.on('changed', (d) => {
      if (!ok(d)) return;
      clearTimeout(timer);
      off();
      resolve(d);
    });
  });
}

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup.length = 0;
});

describe('device hub presence watch', () => {
  it('notices an RD service arriving, changing status and leaving, with the full re-scan off', async () => {
    const ports = await freePorts(3);
    const hub = new DeviceHub({ intervalMs: 0, watchMs: 100, clientOptions: { ports } });
    cleanup.push(() => hub.stop());
    expect(await hub.refresh()).toEqual([]);
    hub.start();

    const arrived = nextChange(hub, (d) => d.length === 1);
    const sim = await startRdSimulator({ port: ports[1], modality: 'iris' });
    let simOpen = true;
    cleanup.push(() => (simOpen ? sim.close() : undefined));
    const [device] = await arrived;
    // Found by the watch's targeted discovery, DEVICEINFO included.
    expect(device).toMatchObject({ port: ports[1], status: 'READY', modality: 'iris', device: { mi: 'VDXSIMIR10' } });

    const notReady = nextChange(hub, (d) => d[0]?.status === 'NOTREADY');
    sim.setStatus('NOTREADY');
    await notReady;

    const left = nextChange(hub, (d) => d.length === 0);
    await sim.close();
    simOpen = false;
    await left;
    expect(hub.devices()).toEqual([]);
  });

  it('asks a listener that is not an RD service once, then leaves it quiet while it keeps listening', async () => {
    const [port] = await freePorts(1);
    let connections = 0;
    let requests = 0;
    const other = net.createServer((socket) => {
      connections++;
      socket.once('data', () => {
        requests++;
        socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      });
      socket.on('error', () => {});
    });
    await new Promise<void>((r) => other.listen(port, '127.0.0.1', () => r()));
    cleanup.push(() => new Promise<void>((r) => other.close(() => r())));
    const hub = new DeviceHub({ intervalMs: 0, watchMs: 50, clientOptions: { ports: [port!] } });
    cleanup.push(() => hub.stop());
    hub.start();
    for (let i = 0; i < 300 && connections < 12; i++) await new Promise((r) => setTimeout(r, 20));
    expect(connections).toBeGreaterThanOrEqual(12);
    // One RDSERVICE request (the watch's targeted discovery); every later tick is a bare connect.
    expect(requests).toBe(1);
    expect(hub.devices()).toEqual([]);
  });

  it('re-checks a known port: same, changed status, alive but silent (kept), refused (gone)', async () => {
    const sim = await startRdSimulator({ modality: 'finger' });
    const o = { timeoutMs: 300, connectTimeoutMs: 200, ext: 'V-DEX Verify' };
    try {
      expect(await recheckKnown({ port: sim.port, scheme: 'http', status: 'READY' }, o)).toBe('same');
      expect(await recheckKnown({ port: sim.port, scheme: 'http', status: 'USED' }, o)).toBe('changed');
    } finally {
      await sim.close();
    }
    expect(await recheckKnown({ port: sim.port, scheme: 'http', status: 'READY' }, o)).toBe('gone');
    // Accepts the connection, never answers: a busy service is kept, not dropped.
    const silent = net.createServer((socket) => socket.on('error', () => {}).resume());
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    cleanup.push(() => new Promise<void>((r) => { silent.close(() => r()); }));
    expect(await recheckKnown({ port: (silent.address() as net.AddressInfo).port, scheme: 'http', status: 'READY' }, o)).toBe('unsure');
  });
});
