/**
 * Builds the host's AML service: the encrypted store when it opened (else in
 * memory), bundle verification with the central API's key from
 * VDEX_AML_BUNDLE_KEYS (JSON {keyId: SPKI PEM or base64 DER}) outside production,
 * and the last good bundle loaded if there is one.
 */
import type { Logger } from '../../shared/log';
import type { Store } from '../store';
import { BundleStore, trustedKeysFrom } from './bundle-store';
import { MemoryAmlPersistence, type AmlPersistence } from './persistence';
import { AmlService } from './service';
import { StoreAmlPersistence } from './store-persistence';

export function createAmlService(options: { dataDir: string; log: Logger; store: () => Store | undefined; trustedKeys?: Record<string, string> }): AmlService {
  const store = options.store();
  const persistence: AmlPersistence = store ? new StoreAmlPersistence(store) : new MemoryAmlPersistence();
  let bundles: BundleStore | undefined;
  try {
    const keys = options.trustedKeys ?? (process.env.VDEX_AML_BUNDLE_KEYS ? (JSON.parse(process.env.VDEX_AML_BUNDLE_KEYS) as Record<string, string>) : {});
    bundles = new BundleStore(options.dataDir, trustedKeysFrom(keys));
  } catch {
    options.log.warn({ code: 'E_AML_BUNDLE_KEYS' }, 'AML bundle keys unreadable; bundles will be refused');
    bundles = new BundleStore(options.dataDir, new Map());
  }
  const service = new AmlService({ persistence, log: options.log, bundles });
  service.loadInstalledBundle();
  return service;
}
