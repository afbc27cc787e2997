/**
 * Which key store a kiosk uses. Production: the OS keychain (keytar), or the
 * store the Electron glue hands in (safeStorage-wrapped). Demo and development
 * default to the file backend so they run on headless boxes; VDEX_KEY_STORE=keytar
 * opts in to the keychain there. Production never reads the environment here.
 */
import type { AppMode } from '../../../shared/ipc/app';
import type { KeyStore } from './key-store';
import { KeytarKeyStore } from './keytar-key-store';
import { FileKeyStore } from './test-key-store';

export function chooseKeyStore(options: { mode: AppMode; dataDir: string; supplied?: KeyStore; env?: NodeJS.ProcessEnv }): KeyStore {
  if (options.supplied) return options.supplied;
  if (options.mode === 'production') return new KeytarKeyStore();
  const wanted = (options.env ?? process.env).VDEX_KEY_STORE;
  return wanted === 'keytar' ? new KeytarKeyStore() : new FileKeyStore(options.dataDir);
}
