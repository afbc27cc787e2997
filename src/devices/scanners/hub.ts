/**
 * All hardware scanner sources behind one emitter: serial scanners from the
 * configuration, every HID POS scanner present (reopened when USB hot-plug sees
 * a device arrive), USB hot-plug itself, and serial ports appearing and
 * leaving (a configured serial scanner is reopened when its port comes back).
 * Emits 'scan' (ScanFromDevice) and 'changed' ({ change, kind, device }). Keyboard wedge and camera live in the
 * renderer (src/renderer/scan).
 */
import { EventEmitter } from 'node:events';
import type { Logger } from '../../shared/log';
import type { ScannerSourceStatus } from '../../shared/ipc/qr';
import { HidPosScanner, listHidPosDevices } from './hid';
import { SerialScanner, type SerialScannerOptions } from './serial';
import { SerialPortWatch, type SerialPortChange, type SerialWatchOptions } from './serial-watch';
import { UsbHotplug, type UsbChange, type UsbLoader } from './usb-hotplug';

export interface ScannerHubOptions {
  serial?: SerialScannerOptions[];
  /** Open every HID POS scanner found (default true). */
  hid?: boolean;
  /** Watch USB hot-plug (default true). */
  hotplug?: boolean;
  /** Stands in for the `usb` module (tests: this machine has no USB bus). */
  loadUsb?: UsbLoader;
  /** Watch serial device files arriving and leaving (default: /dev/ttyACM*, /dev/ttyUSB* every 500 ms); false = off. */
  serialWatch?: SerialWatchOptions | false;
  log?: Logger;
}

export class ScannerHub extends EventEmitter {
  private readonly serial: SerialScanner[] = [];
  private readonly hid = new Map<string, HidPosScanner>();
  private readonly usb = new UsbHotplug();
  private readonly serialWatch: SerialPortWatch | null;
  private hidState: ScannerSourceStatus = { kind: 'hid', id: 'hid-pos', state: 'idle' };

  constructor(private readonly options: ScannerHubOptions = {}) {
    super();
    this.serialWatch = options.serialWatch === false ? null : new SerialPortWatch(options.serialWatch ?? {});
    this.serialWatch?.on('change', (c: SerialPortChange) => this.onSerialChange(c));
  }

  async start(): Promise<void> {
    for (const opts of this.options.serial ?? []) {
      const s = new SerialScanner(opts);
      s.on('scan', (scan) => this.emit('scan', scan));
      s.on('error', () => this.options.log?.warn({ path: opts.path }, 'serial scanner error'));
      s.on('overflow', (o: { bytes: number }) => this.options.log?.warn({ path: opts.path, bytes: o.bytes }, 'serial scan too long: dropped'));
      this.serial.push(s);
      await s.open().catch(() => this.options.log?.warn({ path: opts.path }, 'serial scanner not available'));
    }
    if (this.options.hid ?? true) await this.openHid();
    await this.serialWatch?.start();
    if (this.options.hotplug ?? true) {
      await this.usb.start(this.options.loadUsb);
      this.usb.on('change', (c: UsbChange) => {
        this.emit('changed', { change: c.change, kind: 'usb', device: c.device });
        if (c.change === 'arrived' && (this.options.hid ?? true)) void this.openHid();
      });
    }
  }

  private onSerialChange(c: SerialPortChange): void {
    this.emit('changed', { change: c.change, kind: 'serial', device: c.path });
    const configured = this.serial.find((s) => s.options.path === c.path);
    if (!configured) return;
    // The configured scanner's port came back (plugged in again): reopen it; gone: release it.
    void configured.close().then(() => (c.change === 'arrived' ? configured.open() : undefined))
      .catch(() => this.options.log?.warn({ path: c.path }, 'serial scanner not available'));
  }

  /** Serial device files present now (the watched globs). */
  serialPorts(): string[] {
    return this.serialWatch?.ports() ?? [];
  }

  /** Opens HID POS scanners not yet open. */
  async openHid(): Promise<void> {
    try {
      const found = await listHidPosDevices();
      for (const d of found) {
        if (this.hid.has(d.path)) continue;
        const scanner = new HidPosScanner(d.path);
        scanner.on('scan', (scan) => this.emit('scan', scan));
        scanner.on('error', () => {
          this.hid.delete(d.path);
          void scanner.close();
          this.emit('changed', { change: 'left', kind: 'hid', device: d.path });
        });
        await scanner.open();
        this.hid.set(d.path, scanner);
        this.emit('changed', { change: 'arrived', kind: 'hid', device: d.path });
      }
      this.hidState = { kind: 'hid', id: 'hid-pos', state: this.hid.size ? 'listening' : 'idle', detail: `${this.hid.size} HID POS scanner(s) open` };
    } catch (e) {
      this.hidState = { kind: 'hid', id: 'hid-pos', state: 'error', detail: e instanceof Error ? e.message.slice(0, 200) : 'HID error' };
    }
  }

  status(): ScannerSourceStatus[] {
    return [
      ...this.serial.map((s): ScannerSourceStatus => ({ kind: 'serial', id: s.options.path, state: s.state, ...(s.lastError ? { detail: s.lastError.slice(0, 200) } : {}) })),
      this.hidState,
      { kind: 'usb-hotplug', id: 'usb', state: this.usb.state, ...(this.usb.detail ? { detail: this.usb.detail } : {}) },
    ];
  }

  async close(): Promise<void> {
    this.usb.stop();
    this.serialWatch?.stop();
    await Promise.all([...this.serial.map((s) => s.close()), ...[...this.hid.values()].map((h) => h.close())]);
    this.serial.length = 0;
    this.hid.clear();
  }
}
