/**
 * The RD-service client of the main process: discovery, DEVICEINFO, CAPTURE.
 * One capture at a time per device (a second gets E_RD_BUSY / 710 locally),
 * operator cancel aborts the socket, the HTTP deadline is the capture timeout
 * plus a grace period, and the service is re-verified with RDSERVICE before
 * each capture (ports move across reboots; a connection error triggers a rescan).
 */
import { createHash } from 'node:crypto';
import { KioskError, isKioskError } from '../../shared/errors';
import { DEFAULT_EXT, RD_PORTS, discoverRdServices, fetchDeviceInfo, type DiscoveredService, type DiscoveryOptions, type DiscoveryResult } from './discovery';
import { rdErrorText, type RdErrorText } from './error-codes';
import { FALLBACK_PATHS } from './paths';
import { buildPidOptionsXml, validatePidOptions, type PidOptionsInput } from './pid-options';
import { parsePidData } from './pid-data';
import { classifyModality, parseRdService } from './rd-service-doc';
import { rdRequest } from './transport';
import type { ParsedPidData, RdScheme, RdServiceDoc } from './types';

export interface RdTarget {
  port: number;
  scheme?: RdScheme;
}

export interface RdClientOptions extends Omit<DiscoveryOptions, 'withDeviceInfo'> {
  /** Added to the PidOptions timeout for the HTTP deadline of CAPTURE. */
  captureGraceMs?: number;
  /** Deadline of RDSERVICE / DEVICEINFO calls outside discovery. */
  callTimeoutMs?: number;
}

export interface CaptureOutcome {
  port: number;
  scheme: RdScheme;
  pidData: ParsedPidData;
  /** The PidData XML exactly as received, to forward unaltered. Identity data: never log it. */
  xml: string;
  message: RdErrorText & { known: boolean };
  /** Length and SHA-256 of the XML: the only way to refer to it in logs and output. */
  payload: { length: number; sha256: string };
  durationMs: number;
}

const keyOf = (t: { port: number }) => String(t.port);

export class RdClient {
  private readonly inFlight = new Map<string, AbortController>();
  private readonly known = new Map<string, DiscoveredService>();

  constructor(private readonly options: RdClientOptions = {}) {}

  async discover(overrides: Partial<DiscoveryOptions> = {}): Promise<DiscoveryResult> {
    const result = await discoverRdServices({ ...this.options, ...overrides });
    this.known.clear();
    for (const s of result.services) this.known.set(keyOf(s), s);
    return result;
  }

  /** Discovery over some ports only (the hub's fast watch): what it finds replaces only those ports' entries. */
  async discoverPorts(ports: readonly number[], overrides: Partial<DiscoveryOptions> = {}): Promise<DiscoveryResult> {
    const result = await discoverRdServices({ ...this.options, ...overrides, ports });
    for (const p of ports) this.known.delete(String(p));
    for (const s of result.services) this.known.set(keyOf(s), s);
    return result;
  }

  /** Forgets a service that stopped answering. */
  forget(target: RdTarget): void {
    this.known.delete(keyOf(target));
  }

  /** The ports discovery scans, and the EXT header sent. */
  get scanPorts(): readonly number[] {
    return this.options.ports ?? RD_PORTS;
  }

  get ext(): string {
    return this.options.ext ?? DEFAULT_EXT;
  }

  /** Services from the last discovery. */
  services(): DiscoveredService[] {
    return [...this.known.values()];
  }

  isCapturing(target: RdTarget): boolean {
    return this.inFlight.has(keyOf(target));
  }

  private schemeOf(target: RdTarget): RdScheme {
    return target.scheme ?? this.known.get(keyOf(target))?.scheme ?? 'http';
  }

  /** RDSERVICE on one port (re-verification). */
  async rdService(target: RdTarget): Promise<RdServiceDoc> {
    const res = await rdRequest({ scheme: this.schemeOf(target), port: target.port, method: 'RDSERVICE', path: '*', timeoutMs: this.options.callTimeoutMs ?? 2000, ext: this.options.ext ?? DEFAULT_EXT });
    if (res.status !== 200) throw new KioskError('E_RD_NOT_RD', `Port ${target.port} does not answer as an RD service (HTTP ${res.status}).`, { port: target.port });
    return parseRdService(res.body);
  }

  async deviceInfo(target: RdTarget): Promise<DiscoveredService> {
    const scheme = this.schemeOf(target);
    const doc = await this.rdService(target);
    const di = await fetchDeviceInfo({ port: target.port, scheme, interfaces: doc.interfaces }, this.options.callTimeoutMs ?? 2000, (this.options.now ?? (() => new Date()))());
    const service: DiscoveredService = { ...doc, port: target.port, scheme, modality: classifyModality(doc.info, di.deviceInfo.mi), ...di };
    this.known.set(keyOf(service), service);
    return service;
  }

  /** Cancels the running capture on this device (aborts the socket). False when none runs. */
  cancel(target: RdTarget): boolean {
    const c = this.inFlight.get(keyOf(target));
    if (!c) return false;
    c.abort();
    return true;
  }

  async capture(target: RdTarget, pidOptions: PidOptionsInput, opts: { signal?: AbortSignal } = {}): Promise<CaptureOutcome> {
    const options = validatePidOptions(pidOptions);
    const body = buildPidOptionsXml(options);
    const key = keyOf(target);
    if (this.inFlight.has(key)) {
      throw new KioskError('E_RD_BUSY', rdErrorText('710').en, { port: target.port, errCode: '710' });
    }
    const controller = new AbortController();
    const onOuterAbort = () => controller.abort();
    opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
    this.inFlight.set(key, controller);
    const started = Date.now();
    try {
      let port = target.port;
      let scheme = this.schemeOf(target);
      let doc: RdServiceDoc;
      try {
        doc = await this.rdService({ port, scheme });
      } catch (e) {
        if (!isKioskError(e) || e.code !== 'E_RD_UNREACHABLE') throw e;
        // The service moved (restart, reboot): rescan and take the best one of the same modality.
        const modality = this.known.get(key)?.modality;
        const result = await this.discover();
        const moved = result.services.find((s) => s.modality === modality && s.status === 'READY');
        if (!moved || modality === undefined) throw e;
        port = moved.port;
        scheme = moved.scheme;
        doc = moved;
      }
      if (controller.signal.aborted) throw new KioskError('E_RD_CANCELLED', 'The capture was cancelled by the operator.', { port });
      const paths = doc.interfaces.fallback ? [...new Set([doc.interfaces.capture, ...FALLBACK_PATHS.capture])] : [doc.interfaces.capture];
      let lastError: unknown;
      for (const path of paths) {
        let res;
        try {
          res = await rdRequest({ scheme, port, method: 'CAPTURE', path, body, timeoutMs: options.timeout + (this.options.captureGraceMs ?? 10_000), signal: controller.signal });
        } catch (e) {
          // Only a dropped connection on a guessed path may try the next fallback: nothing was captured.
          if (doc.interfaces.fallback && isKioskError(e) && e.details?.reason === 'reset') { lastError = e; continue; }
          throw e;
        }
        if (doc.interfaces.fallback && res.status !== 200) { lastError = new KioskError('E_RD_BAD_RESPONSE', `CAPTURE answered HTTP ${res.status}.`, { port }); continue; }
        const pidData = parsePidData(res.body);
        if (doc.interfaces.fallback && pidData.resp.errCode === '770') { lastError = undefined; continue; }
        return {
          port,
          scheme,
          pidData,
          xml: res.body,
          message: rdErrorText(pidData.resp.errCode),
          payload: { length: Buffer.byteLength(res.body, 'utf8'), sha256: createHash('sha256').update(res.body, 'utf8').digest('hex') },
          durationMs: Date.now() - started,
        };
      }
      throw lastError ?? new KioskError('E_RD_BAD_RESPONSE', 'The RD service has no capture interface the kiosk could reach.', { port });
    } finally {
      this.inFlight.delete(key);
      opts.signal?.removeEventListener('abort', onOuterAbort);
    }
  }
}
