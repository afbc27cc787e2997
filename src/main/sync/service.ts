/**
 * The kiosk's sync service: the device identity (kept in the encrypted store),
 * enrolment, the engine's loop, and demo mode's embedded central API. The host
 * builds one when the store is open; everything here runs beside the flow,
 * never in its way.
 */
import { createPrivateKey } from 'node:crypto';
import os from 'node:os';
import { KioskError } from '../../shared/errors';
import type { QueueStatus } from '../../shared/ipc/sync';
import type { Logger } from '../../shared/log';
import type { KioskConfig } from '../config';
import type { EventBus } from '../events';
import { CentralApiClient, type DeviceIdentity } from './client';
import type { DemoCentralApi, StartCentralApi } from './demo-central';
import { SyncEngine, type SyncEngineOptions } from './engine';
import type { AuditPort, CursorPort, OutboxPort } from './ports';

export const IDENTITY_CURSOR = 'device.identity';

export interface SyncServiceOptions {
  config: KioskConfig;
  log: Logger;
  events?: EventBus;
  ports: { outbox: OutboxPort; audit: AuditPort; cursors: CursorPort };
  startCentralApi?: StartCentralApi;
  engine?: Partial<SyncEngineOptions>;
}

/** A new connection to a central API (an enrolment, or demo mode's server back up). */
export interface CentralConnection {
  /** Demo and development only: the demo server's watchlist signing key, to trust for its bundles. */
  bundleKeys?: Record<string, string>;
}

export class SyncService {
  readonly engine: SyncEngine;
  private demo: DemoCentralApi | undefined;
  private identity: DeviceIdentity | undefined;
  private readonly connectedListeners = new Set<(c: CentralConnection) => void>();

  constructor(private readonly o: SyncServiceOptions) {
    const stored = o.ports.cursors.get(IDENTITY_CURSOR);
    this.identity = stored ? (JSON.parse(stored) as DeviceIdentity) : undefined;
    if (this.identity && o.config.centralApiUrl) this.identity.apiUrl = o.config.centralApiUrl;
    this.engine = new SyncEngine({
      ...o.ports,
      log: o.log,
      ...(o.events ? { emit: (e, p) => o.events!.emit(e, p) } : {}),
      ...(this.identity ? { client: new CentralApiClient(this.identity) } : {}),
      ...o.engine,
    });
  }

  /** Starts the loop; in demo mode with demo peers, first the embedded central API (in the background). */
  start(): void {
    this.engine.start();
    if (this.o.config.mode === 'demo' && this.o.config.demoPeers && !this.o.config.centralApiUrl && this.o.startCentralApi) {
      void this.startDemo().catch((e: unknown) => this.o.log.warn({ code: (e as { code?: string }).code ?? 'E_SYNC_DEMO' }, 'demo central API not enrolled'));
    }
  }

  private async startDemo(): Promise<void> {
    this.demo = await this.o.startCentralApi!({ dataDir: this.o.config.dataDir, log: this.o.log });
    if (!this.demo) return;
    if (this.identity) {
      // Same embedded database as last run, new port.
      this.useIdentity({ ...this.identity, apiUrl: this.demo.url });
      this.connected();
      return;
    }
    await this.enrol(this.demo.url, await this.demo.enrolmentCode(this.o.config.branchId));
  }

  /** Enrols with a one-time code; the private key goes into the encrypted store, never anywhere else. */
  async enrol(apiUrl: string, code: string): Promise<{ deviceId: string; branchId: string }> {
    let identity: DeviceIdentity;
    try {
      identity = await CentralApiClient.enrol(apiUrl, code, `${os.hostname()}`.slice(0, 100));
    } catch (e) {
      throw new KioskError((e as { code?: string }).code ?? 'E_SYNC_ENROL_FAILED', 'This kiosk could not be enrolled with the central API. Check the code and the network, then try again.');
    }
    this.useIdentity(identity);
    this.o.log.info({ deviceId: identity.deviceId }, 'kiosk enrolled with the central API');
    this.connected();
    return { deviceId: identity.deviceId, branchId: identity.branchId };
  }

  /** Called on each new connection (e.g. the AML service fetches lists right away rather than at its next hourly check). */
  onConnected(listener: (c: CentralConnection) => void): () => void {
    this.connectedListeners.add(listener);
    return () => this.connectedListeners.delete(listener);
  }

  private connected(): void {
    const keys = this.o.config.mode !== 'production' ? this.demo?.bundleKeys : undefined;
    for (const listener of this.connectedListeners) {
      try {
        listener(keys ? { bundleKeys: keys } : {});
      } catch (e) {
        this.o.log.warn({ code: (e as { code?: string }).code ?? 'E_INTERNAL' }, 'central connection listener failed');
      }
    }
  }

  private useIdentity(identity: DeviceIdentity): void {
    this.o.ports.cursors.set(IDENTITY_CURSOR, JSON.stringify(identity));
    this.identity = identity;
    this.engine.setClient(new CentralApiClient(identity));
  }

  /** For the verify service: the same device credentials, signed the same way. */
  credentials(): { baseURL: string; deviceId: string; privateKey: ReturnType<typeof createPrivateKey> } | undefined {
    return this.identity ? { baseURL: this.identity.apiUrl, deviceId: this.identity.deviceId, privateKey: createPrivateKey(this.identity.privateKeyPem) } : undefined;
  }

  status(): QueueStatus {
    return this.engine.status();
  }

  async close(): Promise<void> {
    await this.engine.stop();
    await this.demo?.close();
  }
}
