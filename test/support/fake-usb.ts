/**
 * A WebUSB-shaped object (what `usb` v3 exports as `usb`) whose connect/disconnect events the
 * test fires: this machine has no USB bus (no /sys/bus/usb) to plug a scanner into.
 */
import type { WebUsbLike } from '../../src/devices/scanners/usb-hotplug';

export function fakeUsb(device = { vendorId: 0x05f9, productId: 0x4204, productName: 'QR Scanner' }): { usb: WebUsbLike; plug(type: 'connect' | 'disconnect'): void } {
  const target = new EventTarget();
  return {
    usb: {
      getDevices: async () => [],
      addEventListener: (t, l) => target.addEventListener(t, l as unknown as EventListener),
      removeEventListener: (t, l) => target.removeEventListener(t, l as unknown as EventListener),
    },
    plug: (type) => target.dispatchEvent(Object.assign(new Event(type), { device })),
  };
}
