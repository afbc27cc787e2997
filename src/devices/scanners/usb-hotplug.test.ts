import { describe, expect, it } from 'vitest';
import { UsbHotplug, type UsbChange } from './usb-hotplug';

describe('USB hot-plug', () => {
  it('starts with the real usb addon: listening where a USB bus exists, "unavailable" (not a crash) where none does', async () => {
    const h = new UsbHotplug();
    await h.start();
    expect(['listening', 'unavailable']).toContain(h.state);
    h.stop();
  });

  it('reports arrivals and departures (a stand-in WebUSB object: this machine has no USB bus to plug into)', async () => {
    const target = new EventTarget();
    const fake = {
      getDevices: async () => [],
      addEventListener: (t: string, l: (ev: never) => void) => target.addEventListener(t, l as unknown as EventListener),
      removeEventListener: (t: string, l: (ev: never) => void) => target.removeEventListener(t, l as unknown as EventListener),
    };
    const h = new UsbHotplug();
    const changes: UsbChange[] = [];
    h.on('change', (c: UsbChange) => changes.push(c));
    await h.start(async () => fake);
    const fire = (type: string) => target.dispatchEvent(Object.assign(new Event(type), { device: { vendorId: 0x0c2e, productId: 0x0b61, productName: 'Scanner' } }));
    fire('connect');
    fire('disconnect');
    h.stop();
    fire('connect');
    expect(changes).toEqual([
      { change: 'arrived', device: 'usb:0c2e:0b61 Scanner', vendorId: 0x0c2e, productId: 0x0b61 },
      { change: 'left', device: 'usb:0c2e:0b61 Scanner', vendorId: 0x0c2e, productId: 0x0b61 },
    ]);
  });
});
