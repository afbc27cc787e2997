/** HID POS scanners through node-hid: enumerate usage page 0x8C and read Scanned Data Reports. */
import { EventEmitter } from 'node:events';
import HID from 'node-hid';
import { KioskError } from '../../shared/errors';
import { HID_POS_USAGE_PAGE, HidPosAssembler, type HidPosLayout } from './hid-pos';
import type { ScanFromDevice } from './serial';

export interface HidPosDeviceInfo {
  path: string;
  vendorId: number;
  productId: number;
  product?: string;
}

/** The HID POS barcode scanners present (usage page 0x8C). Needs libusb/hidraw; [] when none. */
export async function listHidPosDevices(): Promise<HidPosDeviceInfo[]> {
  const devices = await HID.devicesAsync();
  return devices
    .filter((d) => d.usagePage === HID_POS_USAGE_PAGE && typeof d.path === 'string')
    .map((d) => ({ path: d.path!, vendorId: d.vendorId, productId: d.productId, ...(d.product ? { product: d.product } : {}) }));
}

/** Emits 'scan' (ScanFromDevice), 'error', 'close'. */
export class HidPosScanner extends EventEmitter {
  private device: HID.HIDAsync | null = null;
  private readonly assembler: HidPosAssembler;

  constructor(readonly path: string, layout?: HidPosLayout) {
    super();
    this.assembler = new HidPosAssembler((text) => {
      this.emit('scan', { source: 'hid', device: path, text, receivedAt: new Date() } satisfies ScanFromDevice);
    }, layout);
  }

  async open(): Promise<void> {
    try {
      this.device = await HID.HIDAsync.open(this.path);
    } catch {
      throw new KioskError('E_SCANNER_OPEN', 'The HID scanner could not be opened.', { path: this.path });
    }
    this.device.on('data', (report: Buffer) => this.assembler.push(report));
    this.device.on('error', () => this.emit('error', new KioskError('E_SCANNER_IO', 'The HID scanner stopped responding.', { path: this.path })));
  }

  async close(): Promise<void> {
    const d = this.device;
    this.device = null;
    this.assembler.reset();
    if (d) await d.close().catch(() => undefined);
    this.emit('close');
  }
}
