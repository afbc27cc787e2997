import type { HandlersFor } from '../handler-types';
import type { Host } from '../host';

export function qrHandlers(host: Host): HandlersFor<'qr:'> & HandlersFor<'ekyc-xml:'> & HandlersFor<'scanners:'> {
  return {
    'qr:verify': async (input) => host.qr.verify(input),
    'ekyc-xml:open': async (input) => host.qr.openEkyc(input),
    'scanners:status': async () => host.qr.status(),
  };
}
