/**
 * The scanner hub's hot-plug: a configured serial scanner whose port is absent at start is
 * opened when its device file appears (a socat pty linked into a folder the test owns) and
 * released when it goes; USB arrivals come from a stand-in WebUSB object, because this machine
 * has no USB bus (no /sys/bus/usb) to plug anything into.
 */
import { closeSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeUsb } from '../../../test/support/fake-usb';
import { ptyPair } from '../../../test/support/pty-pair';
import { ScannerHub } from './hub';
import type { ScanFromDevice } from './serial';

type Changed = { change: 'arrived' | 'left'; kind: string; device: string };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(cond: () => boolean, deadlineMs = 10_000): Promise<void> {
  for (const t0 = Date.now(); !cond(); await sleep(20)) if (Date.now() - t0 > deadlineMs) throw new Error('condition not met in time');
}

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup.length = 0;
});

describe('scanner hub hot-plug', () => {
  it('opens a configured serial scanner when its port appears, reports it leaving, and forwards USB arrivals', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vdex-scan-hub-'));
    const links: [string, string] = [path.join(dir, 'ttyV0'), path.join(dir, 'peer')];
    const usb = fakeUsb();
    const hub = new ScannerHub({
      serial: [{ path: links[0], terminator: 'cr' }], hid: false, loadUsb: async () => usb.usb,
      serialWatch: { patterns: [path.join(dir, 'ttyV*')], pollMs: 50 },
    });
    const changes: Changed[] = [];
    const scans: ScanFromDevice[] = [];
    hub.on('changed', (c: Changed) => changes.push(c));
    hub.on('scan', (s: ScanFromDevice) => scans.push(s));
    await hub.start();
    cleanup.push(() => hub.close());
    expect(hub.status().find((s) => s.kind === 'serial')?.state).toBe('error'); // not plugged in yet
    expect(hub.status().find((s) => s.kind === 'usb-hotplug')?.state).toBe('listening');

    const { proc } = await ptyPair(links);
    cleanup.push(() => void proc.kill());
    await until(() => hub.status().find((s) => s.kind === 'serial')?.state === 'listening');
    expect(changes).toEqual([{ change: 'arrived', kind: 'serial', device: links[0] }]);
    expect(hub.serialPorts()).toEqual([links[0]]);
    const fd = openSync(links[1], 'w');
    writeSync(fd, Buffer.from('hotplugged-scan\r'));
    closeSync(fd);
    await until(() => scans.length === 1);
    expect(scans[0]).toMatchObject({ source: 'serial', device: links[0], text: 'hotplugged-scan' });

    proc.kill('SIGTERM');
    await until(() => changes.length === 2);
    expect(changes[1]).toEqual({ change: 'left', kind: 'serial', device: links[0] });
    expect(hub.serialPorts()).toEqual([]);

    usb.plug('connect');
    usb.plug('disconnect');
    expect(changes.slice(2)).toEqual([
      { change: 'arrived', kind: 'usb', device: 'usb:05f9:4204 QR Scanner' },
      { change: 'left', kind: 'usb', device: 'usb:05f9:4204 QR Scanner' },
    ]);
  });
});
