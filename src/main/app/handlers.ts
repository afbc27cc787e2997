import type { Host } from '../host';
import type { HandlersFor } from '../handler-types';

export function appHandlers(host: Host): HandlersFor<'app:'> {
  return {
    'app:info': async () => host.info(),
    'app:health': async () => host.checkHealth(),
  };
}
