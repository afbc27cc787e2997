/**
 * Composition root: builds every service from the config. No 'electron' here,
 * so the whole kiosk runs under plain Node (browser mode, tests, the CLI).
 * Each domain adds its service to `Host` and a health check to `health`.
 */
import process from 'node:process';
import { KioskError } from '../shared/errors';
import type { AppHealth, AppInfo, ServiceHealth } from '../shared/ipc/app';
import type { Logger } from '../shared/log';
import { createAgentsService, type AgentsService } from './agents';
import { createAmlService } from './aml/create';
import type { AmlService } from './aml/service';
import { configHealth, type KioskConfig } from './config';
import { createDevicesService, type DevicesService } from './devices';
import type { StartDemoPeers } from './devices/demo-peers';
import { EventBus } from './events';
import { VerifyService, type CentralCredentials } from './verify';
import { createKycService, type KycService } from './kyc';
import { createLogger } from './log';
import { QrService } from './qr/service';
import { Store, type KeyStore } from './store';
import { chooseKeyStore } from './store/keys/select';
import { spawnDemoCentralApi, type StartCentralApi } from './sync/demo-central';
import { SyncService } from './sync/service';
import { storePorts } from './sync/store-adapter';
import { BUILD, PRODUCT_NAME, VERSION } from './version';

export type HealthCheck = () => Promise<Omit<ServiceHealth, 'name'>> | Omit<ServiceHealth, 'name'>;

export interface Host {
  readonly config: KioskConfig;
  readonly runtime: AppInfo['runtime'];
  readonly log: Logger;
  readonly events: EventBus;
  /** Health checks by service name; `app:health` runs them all. */
  readonly health: Map<string, HealthCheck>;
  /** Aadhaar QR and offline e-KYC verification, and the hardware scanner hub (issue 4). */
  readonly qr: QrService;
  /** Agent accounts, sessions and the audit port (issue 9). */
  readonly agents: AgentsService;
  /** The onboarding session service (issue 9). */
  readonly kyc: KycService;
  /** AML screening, list bundles and the review queue (issue 8); built on first use. */
  readonly aml: AmlService;
  /** Biometric devices: the RD-service hub (issue 3). */
  readonly devices: DevicesService;
  /** Online verification (OTP, biometric, PAN, passport) through the central API (issue 7). */
  readonly verify: VerifyService;
  /** The outbox sync engine and device enrolment (issue 6); undefined when the store did not open. */
  readonly sync: SyncService | undefined;
  info(): AppInfo;
  checkHealth(): Promise<AppHealth>;
  /** Stops every service in reverse start order. */
  close(): Promise<void>;
  /** Registers a function to run on close (services started by the host). */
  onClose(fn: () => Promise<void> | void): void;
  /**
   * The encrypted local store (src/main/store/index.ts documents its API). When it could not be
   * opened (key unavailable, wrong key, newer schema) reading it throws that KioskError; the
   * host still starts and the `store` health check says why.
   */
  readonly store: Store;
}

export interface HostOptions {
  /** The enrolled device's central-API credentials for online verification; absent = offline (E_NEEDS_NETWORK). */
  centralCredentials?: () => Promise<CentralCredentials | undefined> | CentralCredentials | undefined;
  config: KioskConfig;
  runtime: AppInfo['runtime'];
  log?: Logger;
  /** Key store for the database and vault keys (the Electron glue passes the safeStorage one). */
  keyStore?: KeyStore;
  /** Replaces the demo RD simulators (default: child processes of `vdex simulate rd`). */
  startDemoPeers?: StartDemoPeers;
  /** Ports the RD client scans (default 11100-11120); tests pass a private list. */
  rdPorts?: number[];
  /** Demo mode's central API (default: a `vdex server start` child on embedded PGlite). */
  startCentralApi?: StartCentralApi;
}

export async function createHost(options: HostOptions): Promise<Host> {
  const log = options.log ?? createLogger();
  const events = new EventBus();
  const health = new Map<string, HealthCheck>();
  const closers: Array<() => Promise<void> | void> = [];

  health.set('kiosk', () => ({ status: 'up', detail: `${options.runtime} runtime` }));
  health.set('config', () => configHealth(options.config));
  // Agents, their audit trail and kyc cases live in the encrypted store, reached lazily (`host.store`
  // throws the store's own error when it did not open, so every call says why).
  const agents = createAgentsService(() => host.store, { branchId: options.config.branchId, mode: options.config.mode, idleLockSeconds: options.config.policy.idleLockSeconds });
  const kyc = createKycService(() => host.store, agents.audit, { branchId: options.config.branchId });

  let store: Store | undefined;
  let storeError: unknown;
  try {
    const keyStore = chooseKeyStore({ mode: options.config.mode, dataDir: options.config.dataDir, ...(options.keyStore ? { supplied: options.keyStore } : {}) });
    store = await Store.open({
      dataDir: options.config.dataDir, mode: options.config.mode, keyStore,
      retention: { kycPersonalDataDays: options.config.policy.retentionDays },
    });
    const opened = store;
    closers.push(() => opened.close());
    // Retention at start and every minute: buffered PID blocks live minutes, personal data days.
    const runRetention = () => {
      try {
        opened.retention.run();
      } catch (e) {
        log.warn({ code: e instanceof KioskError ? e.code : 'E_INTERNAL' }, 'retention run failed');
      }
    };
    runRetention();
    const retentionTimer = setInterval(runRetention, 60_000);
    retentionTimer.unref();
    closers.push(() => clearInterval(retentionTimer));
  } catch (e) {
    storeError = e;
    log.error({ code: e instanceof KioskError ? e.code : 'E_INTERNAL' }, 'store could not be opened');
  }
  const qr = new QrService({ config: options.config, events, log, scanners: options.runtime !== 'cli' });
  let sync: SyncService | undefined;
  if (store) {
    const s = new SyncService({ config: options.config, log: log.child({ svc: 'sync' }), events, ports: storePorts(store), startCentralApi: options.startCentralApi ?? spawnDemoCentralApi });
    sync = s;
    closers.push(() => s.close());
    // Lists right after each enrolment, not only at the hourly check (demo: trusting the demo server's key).
    if (options.runtime !== 'cli') s.onConnected((c) => void host.aml.centralConnected(s.credentials(), c.bundleKeys).catch(() => undefined));
  }
  let aml: AmlService | undefined;
  const devices = createDevicesService({ config: options.config, events, log, startDemoPeers: options.startDemoPeers, ports: options.rdPorts, background: options.runtime !== 'cli' });
  const verify = new VerifyService({
    log: log.child({ svc: 'verify' }),
    credentials: options.centralCredentials ?? (() => sync?.credentials()),
    // The device hub keeps a captured PID until it is taken once (issue 3).
    takePid: (ref) => (host as Partial<{ devices: { hub: { takePid(r: string): string | undefined } } }>).devices?.hub.takePid(ref),
  });
  const host: Host = {
    verify,
    sync,
    qr,
    get aml(): AmlService {
      if (!aml) {
        // Online kiosks fetch newer list bundles with the device credentials the sync service holds (not in one-shot CLI hosts).
        const central = options.runtime !== 'cli' ? { central: () => sync?.credentials() } : {};
        const created = createAmlService({ dataDir: options.config.dataDir, log, store: () => store, config: options.config, ...central });
        closers.push(() => created.stopAutoRefresh());
        aml = created;
      }
      return aml;
    },
    get store(): Store {
      if (store) return store;
      throw storeError instanceof KioskError ? storeError : new KioskError('E_STORE_OPEN_FAILED', 'The kiosk database could not be opened; call support.');
    },
    config: options.config,
    runtime: options.runtime,
    devices,
    log,
    events,
    health,
    agents,
    kyc,
    info: () => ({
      productName: PRODUCT_NAME,
      version: VERSION,
      build: BUILD,
      mode: options.config.mode,
      platform: process.platform,
      arch: process.arch,
      runtime: options.runtime,
      nodeVersion: process.versions.node,
    }),
    async checkHealth() {
      const services = await Promise.all(
        [...health.entries()].map(async ([name, check]): Promise<ServiceHealth> => {
          try {
            return { name, ...(await check()) };
          } catch {
            return { name, status: 'down', detail: 'health check failed' };
          }
        }),
      );
      const status = services.some((s) => s.status === 'down')
        ? 'down'
        : services.some((s) => s.status === 'degraded') ? 'degraded' : 'up';
      return { status, checkedAt: new Date().toISOString(), services };
    },
    onClose: (fn) => void closers.push(fn),
    async close() {
      for (const fn of closers.reverse()) {
        try {
          await fn();
        } catch (e) {
          log.warn({ err: e instanceof Error ? e.message : String(e) }, 'service failed to close');
        }
      }
      closers.length = 0;
    },
  };

  // Domain services are started here, in dependency order (store, devices, sync, ...).
  health.set('verify', () => {
    const s = verify.status();
    return s.online === false ? { status: 'degraded', detail: `central API unreachable (${s.lastError ?? 'unknown'}): offline paths only` } : { status: 'up', detail: s.online === true ? 'central API reachable' : 'not tried yet' };
  });
  closers.push(() => devices.close());
  health.set('devices', () => {
    const list = devices.hub.devices();
    const ready = list.filter((d) => d.status === 'READY').length;
    // No device attached is a normal state for a kiosk (the agent plugs one in); an expired device certificate is not.
    return { status: list.some((d) => d.certificate?.expired) ? 'degraded' : 'up', detail: `${ready} of ${list.length} RD device(s) ready` };
  });
  health.set('store', () => (store ? store.health() : { status: 'down', detail: storeError instanceof KioskError ? storeError.message : 'not opened' }));

  health.set('aml', () => {
    const st = host.aml.status();
    return st.loaded ? { status: 'up', detail: `lists ${st.version}, ${st.ageHours} h old` } : { status: 'degraded', detail: 'no watchlists loaded' };
  });
  closers.push(() => qr.close());
  void qr.start().catch(() => log.warn({}, 'scanner hub did not start'));
  health.set('qr', () => {
    const certs = qr.trust.list().length;
    const sources = qr.hub?.status() ?? [];
    const listening = sources.filter((s) => s.state === 'listening').length;
    return { status: certs > 0 ? 'up' : 'degraded', detail: `${certs} UIDAI certificate(s) pinned; ${listening} scanner source(s) listening` };
  });

  health.set('sync', () => {
    if (!sync) return { status: 'down', detail: 'the store is not open' };
    const s = sync.status();
    if (!s.enrolled) return { status: 'degraded', detail: 'not enrolled with a central API' };
    return { status: s.breaker === 'closed' && s.chainBreakAt === null ? 'up' : 'degraded', detail: `${s.depth} queued, ${s.rejected} rejected, breaker ${s.breaker}` };
  });
  sync?.start();

  return host;
}
