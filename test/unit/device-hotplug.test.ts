/**
 * Devices arriving and leaving reach a client over the real browser-mode WebSocket (the same
 * bridge the renderer's home device panel listens on): an RD simulator started and stopped on a
 * port of the host's private RD range (devices:changed), and a serial device file appearing and
 * disappearing in a watched folder the test owns (scanners:changed; socat makes and removes the
 * link). No timing targets here: bench/device-hotplug.bench.ts measures the latency.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startRdSimulator } from '../../simulators/rd-service';
import { loadConfig } from '../../src/main/config';
import { createHandlers } from '../../src/main/handlers';
import { createHost } from '../../src/main/host';
import { startWebServer } from '../../src/main/web/server';
import { WEB_IPC_PATH, type WebServerMessage } from '../../src/shared/web-protocol';
import { silentLogger } from '../../src/shared/log';
import { ptyPair } from '../support/pty-pair';
import { freePorts } from '../support/ports';

const DEADLINE_MS = 15_000; // generous: the machine is shared; the 2 s goal is the bench's business


/** A browser-mode client: requests by channel, and a wait for the first event matching a predicate. */
async function connect(url: string, origin: string) {
  const ws = new WebSocket(url, { origin });
  await new Promise<void>((resolve, reject) => ws.once('open', () => resolve()).once('error', reject));
  const events: Array<{ event: string; payload: unknown }> = [];
  const replies = new Map<number, (r: unknown) => void>();
  const waiters = new Set<() => void>();
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as WebServerMessage;
    if (msg.kind === 'reply') replies.get(msg.id)?.(msg.result);
    else {
      events.push({ event: msg.event, payload: msg.payload });
      for (const w of waiters) w();
    }
  });
  let nextId = 1;
  return {
    close: () => ws.close(),
    call(channel: string, input?: unknown): Promise<unknown> {
      const id = nextId++;
      return new Promise((resolve) => {
        replies.set(id, resolve);
        ws.send(JSON.stringify({ id, channel, input }));
      });
    },
    /** The first event (from `from` on) named `event` whose payload satisfies `ok`. */
    waitFor<T>(event: string, ok: (p: T) => boolean, from = 0): Promise<{ payload: T; index: number }> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const index = events.findIndex((e, i) => i >= from && e.event === event && ok(e.payload as T));
          if (index < 0) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve({ payload: events[index]!.payload as T, index });
        };
        const timer = setTimeout(() => { waiters.delete(check); reject(new Error(`no matching ${event} within ${DEADLINE_MS} ms`)); }, DEADLINE_MS);
        waiters.add(check);
        check();
      });
    },
    count: () => events.length,
  };
}

type DevicesChanged = { devices: Array<{ port: number; status: string; modality: string }> };
type ScannersChanged = { change: 'arrived' | 'left'; kind: string; device: string };

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup.length = 0;
});

describe('device hot-plug over the browser-mode WebSocket', () => {
  it('RD services and serial scanner ports arriving and leaving are pushed to the client', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vdex-hotplug-'));
    const watched = mkdtempSync(path.join(os.tmpdir(), 'vdex-hotplug-tty-'));
    // The serial watch looks at a folder this test owns instead of /dev (no USB serial device here).
    writeFileSync(path.join(dataDir, 'scanners.json'), JSON.stringify({ hid: false, hotplug: false, serialWatch: [path.join(watched, 'ttyV*')] }));
    const rdPorts = await freePorts(3);
    const host = await createHost({ config: loadConfig({ dataDir, demoPeers: false, mode: 'development' }, {}), runtime: 'web', log: silentLogger, rdPorts });
    cleanup.push(() => host.close());
    const server = await startWebServer({ host, handlers: createHandlers(host), rendererDir: dataDir });
    cleanup.push(() => server.close());
    const client = await connect(`ws://127.0.0.1:${server.port}${WEB_IPC_PATH}?token=${server.token}`, server.origin);
    cleanup.push(() => client.close());

    // RD: a simulator starts on a port of the range, then stops.
    let from = client.count();
    const sim = await startRdSimulator({ port: rdPorts[2], modality: 'finger', personality: 'mantra' });
    let simOpen = true;
    cleanup.push(() => (simOpen ? sim.close() : undefined));
    const arrived = await client.waitFor<DevicesChanged>('devices:changed', (p) => p.devices.some((d) => d.port === rdPorts[2]), from);
    expect(arrived.payload.devices).toEqual([expect.objectContaining({ port: rdPorts[2], status: 'READY', modality: 'finger' })]);
    expect(await client.call('rd:discover')).toMatchObject({ ok: true, value: { devices: [{ port: rdPorts[2], status: 'READY' }] } });

    from = client.count();
    await sim.close();
    simOpen = false;
    const left = await client.waitFor<DevicesChanged>('devices:changed', (p) => !p.devices.some((d) => d.port === rdPorts[2]), from);
    expect(left.payload.devices).toEqual([]);

    // Serial: a pty pair linked into the watched folder appears, then goes.
    from = client.count();
    const links: [string, string] = [path.join(watched, 'ttyV0'), path.join(watched, 'peer')];
    const { proc } = await ptyPair(links);
    cleanup.push(() => void proc.kill());
    const plugged = await client.waitFor<ScannersChanged>('scanners:changed', (p) => p.device === links[0], from);
    expect(plugged.payload).toEqual({ change: 'arrived', kind: 'serial', device: links[0] });
    const status = await client.call('scanners:status') as { ok: boolean; value: { serialPorts: Array<{ path: string }> } };
    expect(status.ok).toBe(true);
    expect(status.value.serialPorts.map((p) => p.path)).toContain(links[0]);

    from = client.count();
    proc.kill('SIGTERM');
    const unplugged = await client.waitFor<ScannersChanged>('scanners:changed', (p) => p.device === links[0], from);
    expect(unplugged.payload).toEqual({ change: 'left', kind: 'serial', device: links[0] });
    const after = await client.call('scanners:status') as { value: { serialPorts: Array<{ path: string }> } };
    expect(after.value.serialPorts.map((p) => p.path)).not.toContain(links[0]);
  });
});
