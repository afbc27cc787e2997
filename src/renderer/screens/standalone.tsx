/**
 * Screens the Electron shell opens by route instead of the app: they render before anything
 * that calls the kiosk (no services run behind "configuration refused"; "out of service" must
 * not repeat what crashed).
 */
import type { ReactElement } from 'react';
import { ConfigRefusedScreen, configRefusalFromHash } from './ConfigRefusedScreen';
import { OutOfServiceScreen } from './OutOfServiceScreen';

export const OUT_OF_SERVICE_HASH = '#/out-of-service';

/** The screen for a standalone route, or null for the app itself. */
export function standaloneScreen(hash: string): ReactElement | null {
  const refused = configRefusalFromHash(hash);
  if (refused) return <ConfigRefusedScreen code={refused} />;
  if (hash === OUT_OF_SERVICE_HASH) return <OutOfServiceScreen />;
  return null;
}
