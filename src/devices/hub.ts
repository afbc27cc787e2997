/**
 * The device hub: the registry of RD services and their status, a periodic
 * re-check (paused while a capture runs: no polling during capture), capture
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
import type { DiscoveredService } from './rd/discovery';
import type { PidOptionsInput } from './rd/pid-options';

export interface RdProgress {
  port: number;
  stage: 'capturing' | 'done' | 'failed' | 'cancelled';
  errCode?: string;
  code?: string;
}

export interface DeviceHubOptions {
  client?: RdClient;
  clientOptions?: RdClientOptions;
  /** Re-check period; 0 disables the timer. */
  intervalMs?: number;
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

const fingerprint = (devices: RdDevice[]) => JSON.stringify(devices.map((d) => [d.id, d.status, d.modality, d.device?.dc ?? '', d.warnings.length]));

export class DeviceHub {
  readonly client: RdClient;
  private readonly emitter = new EventEmitter();
  private current: RdDevice[] = [];
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<RdDevice[]> | undefined;
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
  }

  stop(): void {
    this.stopped.abort();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.pids.clear();
  }

  /** Re-scans; concurrent callers share one scan. Emits `changed` when the set or a status changed. */
  refresh(): Promise<RdDevice[]> {
    this.refreshing ??= (async () => {
      try {
        if (this.stopped.signal.aborted) return this.current;
        const result = await this.client.discover({ signal: this.stopped.signal });
        this.lastScan = { elapsedMs: result.elapsedMs, budgetExhausted: result.budgetExhausted };
        const next = result.services.map(toRdDevice);
        const changed = fingerprint(next) !== fingerprint(this.current);
        this.current = next;
        if (changed) {
          this.log.info({ devices: next.map((d) => `${d.modality}@${d.port}:${d.status}`) }, 'RD devices changed');
          this.emitter.emit('changed', next);
        }
        return next;
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
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
