/**
 * USB hot-plug through `usb` v3 (its WebUSB-style API): notices scanners arriving
 * and leaving so serial and HID sources can be reopened. A machine without a USB
 * bus (containers, CI) reports "unavailable" instead of failing.
 */
import { EventEmitter } from 'node:events';

export interface UsbChange {
  change: 'arrived' | 'left';
  device: string;
  vendorId?: number;
  productId?: number;
}

interface UsbDeviceLike { vendorId: number; productId: number; productName?: string | null; serialNumber?: string | null }
interface UsbConnectionEventLike { device: UsbDeviceLike }
export interface WebUsbLike {
  getDevices(): Promise<UsbDeviceLike[]>;
  addEventListener(type: 'connect' | 'disconnect', listener: (ev: UsbConnectionEventLike) => void): void;
  removeEventListener(type: 'connect' | 'disconnect', listener: (ev: UsbConnectionEventLike) => void): void;
}

export const describeUsb = (d: UsbDeviceLike): string =>
  `usb:${d.vendorId.toString(16).padStart(4, '0')}:${d.productId.toString(16).padStart(4, '0')}${d.productName ? ` ${d.productName}` : ''}`;

/** Loads the WebUSB-style object (the `usb` module by default). */
export type UsbLoader = () => Promise<WebUsbLike>;

/** Emits 'change' (UsbChange). */
export class UsbHotplug extends EventEmitter {
  state: 'listening' | 'unavailable' | 'idle' = 'idle';
  detail: string | undefined;
  private usb: WebUsbLike | null = null;
  private readonly onConnect = (ev: UsbConnectionEventLike) => this.emit('change', { change: 'arrived', device: describeUsb(ev.device), vendorId: ev.device.vendorId, productId: ev.device.productId } satisfies UsbChange);
  private readonly onDisconnect = (ev: UsbConnectionEventLike) => this.emit('change', { change: 'left', device: describeUsb(ev.device), vendorId: ev.device.vendorId, productId: ev.device.productId } satisfies UsbChange);

  /** `load` is injectable so tests can stand in for a USB bus, which this machine lacks. */
  async start(load: UsbLoader = async () => (await import('usb')).usb as unknown as WebUsbLike): Promise<void> {
    try {
      const usb = await load();
      await usb.getDevices(); // Fails fast without a USB bus (no /sys/bus/usb).
      usb.addEventListener('connect', this.onConnect);
      usb.addEventListener('disconnect', this.onDisconnect);
      this.usb = usb;
      this.state = 'listening';
      this.detail = undefined;
    } catch (e) {
      this.state = 'unavailable';
      this.detail = e instanceof Error ? e.message.slice(0, 200) : 'no USB access';
    }
  }

  stop(): void {
    this.usb?.removeEventListener('connect', this.onConnect);
    this.usb?.removeEventListener('disconnect', this.onDisconnect);
    this.usb = null;
    if (this.state === 'listening') this.state = 'idle';
  }
}
