/**
 * Electron's safeStorage as the store's SecretWrapper: the database and vault
 * keys are wrapped by the OS (Keychain, DPAPI, libsecret/kwallet) and kept in
 * keys.json. Use after app.whenReady():
 *   createHost({ ..., keyStore: new WrappedFileKeyStore(dataDir, safeStorageWrapper) })
 * On Linux without a keyring safeStorage falls back to "basic_text" (a
 * hard-coded password); WrappedFileKeyStore refuses that backend.
 */
import { safeStorage } from 'electron';
import type { SecretWrapper } from '../store/keys/wrapped-file-key-store';

export const safeStorageWrapper: SecretWrapper = {
  backendName: () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : process.platform === 'darwin' ? 'keychain' : 'dpapi'),
  isAvailable: () => safeStorage.isEncryptionAvailable(),
  // safeStorage works on strings: the key travels as hex.
  wrap: (plain) => safeStorage.encryptString(plain.toString('hex')),
  unwrap: (wrapped) => Buffer.from(safeStorage.decryptString(wrapped), 'hex'),
};
