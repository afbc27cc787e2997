/**
 * The IPC contract bound to services. Used by the Electron bridge and the web
 * bridge alike. Each domain contributes its handlers; the `Handlers` type makes
 * a missing channel a compile error.
 */
import { agentsHandlers } from './agents/handlers';
import { amlHandlers } from './aml/handlers';
import { appHandlers } from './app/handlers';
import { rdHandlers } from './devices/handlers';
import type { Handlers } from './handler-types';
import type { Host } from './host';
import { verifyHandlers } from './verify/handlers';
import { qrHandlers } from './qr/handlers';
import { syncHandlers } from './sync/handlers';
import { kycHandlers } from './kyc/handlers';

export function createHandlers(host: Host): Handlers {
  return {
    ...rdHandlers(host),
    ...qrHandlers(host),
    ...appHandlers(host),
    ...verifyHandlers(host),
    ...agentsHandlers(host),
    ...kycHandlers(host),
    ...amlHandlers(host),
    ...syncHandlers(host),
  };
}
