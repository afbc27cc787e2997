/** Builds the device hub for the host: RD discovery, events forwarded to the bus, demo simulators in demo mode. */
import { DeviceHub } from '../../devices/hub';
import type { Logger } from '../../shared/log';
import type { KioskConfig } from '../config';
import type { EventBus } from '../events';
import { spawnDemoPeers, type StartDemoPeers } from './demo-peers';

export interface DevicesServiceOptions {
  config: KioskConfig;
  events: EventBus;
  log: Logger;
  /** Replaces the default child-process demo peers (tests, launchers). */
  startDemoPeers?: StartDemoPeers;
  /** RD client settings (tests scan a private port list). */
  ports?: number[];
  /** Scan at start and re-check periodically (off for one-shot CLI hosts). */
  background?: boolean;
}

export interface DevicesService {
  hub: DeviceHub;
  close(): Promise<void>;
}

export function createDevicesService(o: DevicesServiceOptions): DevicesService {
  const hub = new DeviceHub({ log: o.log.child({ svc: 'devices' }), clientOptions: o.ports ? { ports: o.ports } : {} });
  hub.on('changed', (devices) => o.events.emit('devices:changed', { devices }));
  hub.on('progress', (p) => o.events.emit('rd:progress', p));
  let stopPeers: (() => Promise<void>) | undefined;
  let closed = false;
  if (o.config.mode === 'demo' && o.config.demoPeers) {
    // Started in the background: the kiosk is usable at once; devices appear when the peers listen.
    void (o.startDemoPeers ?? spawnDemoPeers)(o.log).then(async (peers) => {
      if (closed) return void (await peers.stop());
      stopPeers = peers.stop;
      o.log.info({ peers: peers.peers.map((p) => `${p.modality}@${p.port}`) }, 'demo RD simulators started');
      await hub.refresh().catch(() => {});
    }).catch((e: unknown) => o.log.warn({ err: e instanceof Error ? e.message : String(e) }, 'demo RD simulators failed to start'));
  }
  if (o.background ?? true) {
    hub.start();
    void hub.refresh().catch(() => {});
  }
  return {
    hub,
    async close() {
      closed = true;
      hub.stop();
      await stopPeers?.();
    },
  };
}
