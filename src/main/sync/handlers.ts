/** `queue:*` and `sync:*` bound to the sync service. */
import { KioskError } from '../../shared/errors';
import type { HandlersFor } from '../handler-types';
import type { Host } from '../host';
import type { SyncService } from './service';

function service(host: Host): SyncService {
  if (!host.sync) throw new KioskError('E_SYNC_UNAVAILABLE', 'Sync is not running: the kiosk database is not open.');
  return host.sync;
}

export function syncHandlers(host: Host): HandlersFor<'queue:'> & HandlersFor<'sync:'> {
  return {
    'queue:status': async () => service(host).status(),
    'queue:rejected': async () => service(host).engine.rejected(),
    'queue:retry': async (input) => ({ retried: service(host).engine.retryRejected(input.ids) }),
    'sync:now': async () => service(host).engine.syncNow(),
  };
}
