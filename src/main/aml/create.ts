/**
 * Builds the host's AML service: the encrypted store when it opened (else in
 * memory), bundle verification with the trusted bundle keys from the kiosk
 * configuration (its signed file's `amlBundleKeys`), the last good bundle
 * loaded if there is one, and, when the kiosk is enrolled, a periodic fetch of
 * newer bundles from the central API. Outside production VDEX_AML_BUNDLE_KEYS
 * (JSON {keyId: SPKI PEM or base64 DER}) adds keys for demos and development.
 */
import type { Logger } from '../../shared/log';
import type { KioskConfig } from '../config';
import type { Store } from '../store';
import { BundleStore, trustedKeysFrom } from './bundle-store';
import type { CentralCredentials } from './central-lists';
import { MemoryAmlPersistence, type AmlPersistence } from './persistence';
import { AmlService } from './service';
import { StoreAmlPersistence } from './store-persistence';

/** How often an online kiosk asks the central API for newer lists. */
export const LIST_REFRESH_MS = 60 * 60_000;

export interface CreateAmlServiceOptions {
  dataDir: string;
  log: Logger;
  store: () => Store | undefined;
  /** The kiosk configuration: its mode, trusted bundle keys and the policy's watchlist age limit. */
  config?: Pick<KioskConfig, 'mode' | 'amlBundleKeys'> & { policy?: Pick<KioskConfig['policy'], 'watchlistMaxAgeDays'> };
  /** Explicit keys (tests); otherwise the config's, plus the environment's outside production. */
  trustedKeys?: Record<string, string>;
  /** The enrolled device's credentials (the sync service's); with them, lists are fetched periodically. */
  central?: () => CentralCredentials | undefined;
  env?: NodeJS.ProcessEnv;
}

export function bundleKeysFor(config: CreateAmlServiceOptions['config'], env: NodeJS.ProcessEnv): Record<string, string> {
  const fromConfig = config?.amlBundleKeys ?? {};
  if (config?.mode === 'production' || !env.VDEX_AML_BUNDLE_KEYS) return fromConfig;
  return { ...fromConfig, ...(JSON.parse(env.VDEX_AML_BUNDLE_KEYS) as Record<string, string>) };
}

export function createAmlService(options: CreateAmlServiceOptions): AmlService {
  const store = options.store();
  const persistence: AmlPersistence = store ? new StoreAmlPersistence(store) : new MemoryAmlPersistence();
  let bundles: BundleStore | undefined;
  try {
    bundles = new BundleStore(options.dataDir, trustedKeysFrom(options.trustedKeys ?? bundleKeysFor(options.config, options.env ?? process.env)));
  } catch {
    options.log.warn({ code: 'E_AML_BUNDLE_KEYS' }, 'AML bundle keys unreadable; bundles will be refused');
    bundles = new BundleStore(options.dataDir, new Map());
  }
  const maxAgeDays = options.config?.policy?.watchlistMaxAgeDays;
  const service = new AmlService({
    persistence, log: options.log, bundles, allowRuntimeBundleKeys: options.config?.mode === 'demo' || options.config?.mode === 'development',
    ...(maxAgeDays ? { maxListAgeHours: maxAgeDays * 24 } : {}),
  });
  service.loadInstalledBundle();
  if (options.central) service.startAutoRefresh(options.central, LIST_REFRESH_MS);
  return service;
}
