import type { HandlersFor } from '../handler-types';
import type { Host } from '../host';

export function rdHandlers(host: Host): HandlersFor<'rd:'> {
  return {
    'rd:discover': async () => {
      const devices = await host.devices.hub.refresh();
      return { devices, ...host.devices.hub.scanStats() };
    },
    'rd:info': async ({ port }) => host.devices.hub.info(port),
    'rd:capture': async (input) => host.devices.hub.capture(input),
    'rd:cancel': async ({ port }) => ({ cancelled: host.devices.hub.cancel(port) }),
  };
}
