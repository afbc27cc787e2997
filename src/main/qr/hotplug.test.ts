/**
 * USB scanners arriving and leaving become `scanners:changed` on the host's event bus (what the
 * Electron and browser bridges forward). The USB side is a stand-in WebUSB object: this machine
 * has no USB bus (no /sys/bus/usb), so the real `usb` module can only report "unavailable".
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeUsb } from '../../../test/support/fake-usb';
import { silentLogger } from '../../shared/log';
import { loadConfig } from '../config';
import { EventBus } from '../events';
import { QrService } from './service';

describe('QR service scanner hot-plug', () => {
  it('forwards USB arrivals and departures as scanners:changed, and reports the hot-plug source listening', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vdex-qr-usb-'));
    const events = new EventBus();
    const usb = fakeUsb();
    const qr = new QrService({
      config: loadConfig({ dataDir, demoPeers: false, mode: 'development' }, {}), events, log: silentLogger, scanners: true,
      scannersConfig: { hid: false, serialWatch: [] }, loadUsb: async () => usb.usb,
    });
    const seen: unknown[] = [];
    events.on('scanners:changed', (c) => seen.push(c));
    await qr.start();
    try {
      expect((await qr.status()).sources.find((s) => s.kind === 'usb-hotplug')).toMatchObject({ state: 'listening' });
      usb.plug('connect');
      usb.plug('disconnect');
      expect(seen).toEqual([
        { change: 'arrived', kind: 'usb', device: 'usb:05f9:4204 QR Scanner' },
        { change: 'left', kind: 'usb', device: 'usb:05f9:4204 QR Scanner' },
      ]);
    } finally {
      await qr.close();
    }
    usb.plug('connect'); // no longer listened to after close
    expect(seen).toHaveLength(2);
  });

  it('refuses a serial watch glob with wildcards in the folder part', () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vdex-qr-usb-'));
    expect(() => new QrService({
      config: loadConfig({ dataDir, demoPeers: false, mode: 'development' }, {}), events: new EventBus(), log: silentLogger, scanners: false,
      scannersConfig: { serialWatch: ['/dev/*/ttyACM0'] },
    })).toThrow();
  });
});
