/**
 * The device hub: the registry of RD services and their status, a periodic
 * re-check (paused while a capture runs: no polling during capture), a fast
 * presence watch so devices arriving and leaving show within 2 s, capture
 * progress, and a short-lived store of captured PidData redeemed once by the
 * main process. Emits `changed` and `progress`; the host forwards them as the
 * push events `devices:changed` and `rd:progress`.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { KioskError, isKioskError } from '../shared/errors';
import type { Logger } from '../shared/log';
import { silentLogger } from '../shared/log';
import type { RdCaptureOutput, RdDevice } from '../shared/ipc/rd';
import { RdClient, type RdClientOptions } from './rd/client';
import { rankServices, type DiscoveredService } from './rd/discovery';
import type { PidOptionsInput } from './rd/pid-options';
import { acceptsConnection, recheckKnown } from './rd/watch';

export interface RdProgress {
  port: number;
  stage: 'capturing' | 'done' | 'failed' | 'cancelled';
  errCode?: string;
  code?: string;
}

export interface DeviceHubOptions {
  client?: RdClient;
  clientOptions?: RdClientOptions;
  /** Full re-scan period (DEVICEINFO, certificates); 0 disables the timer. */
  intervalMs?: number;
  /**
   * Presence watch period (default 1000; 0 disables): RDSERVICE on known ports, a
   * TCP connect on the others, and discovery only where something changed.
   */
  watchMs?: number;
  /** How long a captured PidData waits to be redeemed. */
  pidTtlMs?: number;
  log?: Logger;
}

export interface CaptureRequest {
  port: number;
  modality: 'finger' | 'iris';
  count: number;
  timeoutMs: number;
  env: 'P' | 'PP' | 'S';
  wadh: string;
}

export function toRdDevice(s: DiscoveredService): RdDevice {
  return {
    id: `${s.scheme}:${s.port}`,
    port: s.port,
    scheme: s.scheme,
    status: s.status,
    info: s.info,
    modality: s.modality,
    interfaces: s.interfaces,
    ...(s.deviceInfo ? { device: { dpId: s.deviceInfo.dpId, rdsId: s.deviceInfo.rdsId, rdsVer: s.deviceInfo.rdsVer, dc: s.deviceInfo.dc, mi: s.deviceInfo.mi, additionalInfo: s.deviceInfo.additionalInfo } } : {}),
    ...(s.certificate ? { certificate: { validTo: s.certificate.validTo, daysToExpiry: s.certificate.daysToExpiry, expired: s.certificate.expired } } : {}),
    warnings: s.warnings,
  };
}

/** Watch probe deadlines, sized so watch period + probe + targeted discovery stays under 2 s. */
const WATCH_KNOWN_TIMEOUT_MS = 300;
const WATCH_CONNECT_TIMEOUT_MS = 200;
const WATCH_DISCOVERY_BUDGET_MS = 500;
/** A listener that is not an RD service is left alone this long before it is asked again. */
const QUIET_RECHECK_MS = 5_000;

const fingerprint = (devices: RdDevice[]) => JSON.stringify(devices.map((d) => [d.id, d.status, d.modality, d.device?.dc ?? '', d.warnings.length]));

export class DeviceHub {
  readonly client: RdClient;
  private readonly emitter = new EventEmitter();
  private current: RdDevice[] = [];
  private timer: NodeJS.Timeout | undefined;
  private watchTimer: NodeJS.Timeout | undefined;
  private refreshing: Promise<RdDevice[]> | undefined;
  private watching: Promise<void> | undefined;
  /** Listening ports in the range that did not answer as RD services, until when to leave them be. */
  private readonly quiet = new Map<number, number>();
  private captures = 0;
  private readonly pids = new Map<string, { xml: string; expires: number }>();
  private readonly log: Logger;
  private readonly stopped = new AbortController();
  private lastScan = { elapsedMs: 0, budgetExhausted: false };

  constructor(private readonly options: DeviceHubOptions = {}) {
    this.client = options.client ?? new RdClient(options.clientOptions);
    this.log = options.log ?? silentLogger;
  }

  on(event: 'changed', fn: (devices: RdDevice[]) => void): () => void;
  on(event: 'progress', fn: (p: RdProgress) => void): () => void;
  on(event: string, fn: (arg: never) => void): () => void {
    const listener = fn as (...args: unknown[]) => void;
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  devices(): RdDevice[] {
    return this.current;
  }

  /** Timing of the last scan. */
  scanStats(): { elapsedMs: number; budgetExhausted: boolean } {
    return this.lastScan;
  }

  start(): void {
    const every = this.options.intervalMs ?? 15_000;
    if (every > 0 && !this.timer) {
      this.timer = setInterval(() => {
        if (this.captures === 0) void this.refresh().catch(() => {});
      }, every);
      this.timer.unref();
    }
    const watchEvery = this.options.watchMs ?? 1000;
    if (watchEvery > 0 && !this.watchTimer) {
      this.watchTimer = setInterval(() => void this.watch().catch(() => {}), watchEvery);
      this.watchTimer.unref();
    }
  }

  stop(): void {
    this.stopped.abort();
    if (this.timer) clearInterval(this.timer);
    if (this.watchTimer) clearInterval(this.watchTimer);
    this.timer = undefined;
    this.watchTimer = undefined;
    this.pids.clear();
  }

  /** Re-scans; concurrent callers share one scan. Emits `changed` when the set or a status changed. */
  refresh(): Promise<RdDevice[]> {
    this.refreshing ??= (async () => {
      try {
        // One writer at a time: a watch tick in flight finishes before the full scan (ticks skip while it runs).
        await this.watching;
        if (this.stopped.signal.aborted) return this.current;
        const result = await this.client.discover({ signal: this.stopped.signal });
        this.lastScan = { elapsedMs: result.elapsedMs, budgetExhausted: result.budgetExhausted };
        this.commit(result.services.map(toRdDevice));
        return this.current;
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  private commit(next: RdDevice[]): void {
    const changed = fingerprint(next) !== fingerprint(this.current);
    this.current = next;
    if (changed) {
      this.log.info({ devices: next.map((d) => `${d.modality}@${d.port}:${d.status}`) }, 'RD devices changed');
      this.emitter.emit('changed', next);
    }
  }

  /**
   * One presence-watch tick (skipped during a capture or a full scan): known
   * devices answer RDSERVICE (refused = gone at once), other ports get a TCP
   * connect; only ports that changed or newly listen are rediscovered.
   */
  watch(): Promise<void> {
    if (this.captures > 0 || this.refreshing || this.watching || this.stopped.signal.aborted) return this.watching ?? Promise.resolve();
    this.watching = (async () => {
      try {
        const known = this.current;
        const knownPorts = new Set(known.map((d) => d.port));
        const others = this.client.scanPorts.filter((p) => !knownPorts.has(p));
        const now = Date.now();
        const [checks, listening] = await Promise.all([
          Promise.all(known.map((d) => recheckKnown(d, { timeoutMs: WATCH_KNOWN_TIMEOUT_MS, connectTimeoutMs: WATCH_CONNECT_TIMEOUT_MS, ext: this.client.ext, signal: this.stopped.signal }))),
          Promise.all(others.map((p) => acceptsConnection(p, WATCH_CONNECT_TIMEOUT_MS))),
        ]);
        if (this.stopped.signal.aborted || this.captures > 0) return;
        const gone = new Set(known.filter((_, i) => checks[i] === 'gone').map((d) => d.port));
        const rediscover = known.filter((_, i) => checks[i] === 'changed').map((d) => d.port);
        others.forEach((p, i) => {
          if (!listening[i]) this.quiet.delete(p);
          else if ((this.quiet.get(p) ?? 0) <= now) rediscover.push(p);
        });
        for (const p of gone) this.client.forget({ port: p });
        let next = known.filter((d) => !gone.has(d.port));
        if (rediscover.length > 0) {
          const result = await this.client.discoverPorts(rediscover, { budgetMs: WATCH_DISCOVERY_BUDGET_MS, probeTimeoutMs: WATCH_DISCOVERY_BUDGET_MS, signal: this.stopped.signal });
          if (this.stopped.signal.aborted) return;
          const found = new Set(result.services.map((s) => s.port));
          for (const p of rediscover) if (!found.has(p) && !knownPorts.has(p)) this.quiet.set(p, Date.now() + QUIET_RECHECK_MS);
          const again = new Set(rediscover);
          next = rankServices([...next.filter((d) => !again.has(d.port)), ...result.services.map(toRdDevice)]);
        }
        this.commit(next);
      } finally {
        this.watching = undefined;
      }
    })();
    return this.watching;
  }

  async info(port: number): Promise<RdDevice> {
    return toRdDevice(await this.client.deviceInfo({ port }));
  }

  cancel(port: number): boolean {
    const cancelled = this.client.cancel({ port });
    if (cancelled) this.emitter.emit('progress', { port, stage: 'cancelled' } satisfies RdProgress);
    return cancelled;
  }

  async capture(req: CaptureRequest): Promise<RdCaptureOutput> {
    const options: PidOptionsInput = req.modality === 'finger'
      ? { fCount: req.count, timeout: req.timeoutMs, env: req.env, wadh: req.wadh }
      : { iCount: Math.min(req.count, 2), timeout: req.timeoutMs, env: req.env, wadh: req.wadh };
    if (req.modality === 'iris' && req.count > 2) throw new KioskError('E_RD_BAD_OPTIONS', 'Capture option iCount: must be a whole number from 0 to 2', { field: 'iCount' });
    this.captures++;
    this.emitter.emit('progress', { port: req.port, stage: 'capturing' } satisfies RdProgress);
    try {
      const out = await this.client.capture({ port: req.port }, options);
      const r = out.pidData.resp;
      let captureRef: string | undefined;
      if (out.pidData.success) {
        this.sweep();
        captureRef = randomUUID();
        this.pids.set(captureRef, { xml: out.xml, expires: Date.now() + (this.options.pidTtlMs ?? 120_000) });
      }
      this.emitter.emit('progress', { port: out.port, stage: out.pidData.success ? 'done' : 'failed', errCode: r.errCode } satisfies RdProgress);
      this.log.info({ port: out.port, errCode: r.errCode, payloadBytes: out.payload.length, payloadSha256: out.payload.sha256 }, 'RD capture');
      const d = out.pidData.deviceInfo;
      return {
        ...(captureRef ? { captureRef } : {}),
        success: out.pidData.success,
        errCode: r.errCode,
        errInfo: r.errInfo,
        message: { en: out.message.en, hi: out.message.hi },
        ...(r.fCount !== undefined ? { fCount: r.fCount } : {}),
        ...(r.iCount !== undefined ? { iCount: r.iCount } : {}),
        qScore: r.qScore,
        nmPoints: r.nmPoints,
        ...(d ? { device: { dpId: d.dpId, rdsId: d.rdsId, rdsVer: d.rdsVer, dc: d.dc, mi: d.mi } } : {}),
        payload: out.payload,
        durationMs: out.durationMs,
      };
    } catch (e) {
      const code = isKioskError(e) ? e.code : 'E_INTERNAL';
      if (code !== 'E_RD_CANCELLED') this.emitter.emit('progress', { port: req.port, stage: 'failed', code } satisfies RdProgress);
      if (code === 'E_RD_UNREACHABLE') void this.refresh().catch(() => {});
      throw e;
    } finally {
      this.captures--;
    }
  }

  /** Hands over a captured PidData once (for the send to the central API); undefined when unknown or expired. */
  takePid(captureRef: string): string | undefined {
    this.sweep();
    const hit = this.pids.get(captureRef);
    this.pids.delete(captureRef);
    return hit?.xml;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [k, v] of this.pids) if (v.expires <= now) this.pids.delete(k);
    // Never hold more than a few: a PID is discarded after use (reference §10).
    while (this.pids.size >= 4) this.pids.delete(this.pids.keys().next().value!);
  }
}
