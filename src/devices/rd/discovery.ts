/**
 * Discovery over 127.0.0.1 ports 11100-11120 (configurable), http then https,
 * every port probed in parallel with a per-probe timeout inside one overall
 * budget. Refused ports cost nothing; silent ports (the spec's answer to the
 * unknown) cost at most the probe timeout; non-RD software is skipped. Every
 * RD responder is kept, ranked READY > USED > NOTREADY.
 */
import { isKioskError } from '../../shared/errors';
import { deviceWarnings, parseDeviceInfo, readDeviceCertificate } from './device-info';
import { classifyModality, parseRdService } from './rd-service-doc';
import { rdRequest } from './transport';
import type { DeviceCertificate, Modality, RdDeviceInfo, RdScheme, RdServiceDoc, RdStatus } from './types';

export const RD_PORTS: readonly number[] = Array.from({ length: 21 }, (_, i) => 11100 + i);
export const DEFAULT_EXT = 'V-DEX Verify';

export interface DiscoveryOptions {
  ports?: readonly number[];
  schemes?: readonly RdScheme[];
  probeTimeoutMs?: number;
  /** Overall deadline: discovery returns what it has by then. */
  budgetMs?: number;
  /** Also call DEVICEINFO on each responder (ids, mc, modality from mi). */
  withDeviceInfo?: boolean;
  ext?: string;
  now?: () => Date;
  /** Aborts every probe (the hub stops). */
  signal?: AbortSignal;
}

export interface DiscoveredService extends RdServiceDoc {
  port: number;
  scheme: RdScheme;
  modality: Modality;
  deviceInfo?: RdDeviceInfo;
  certificate?: DeviceCertificate;
  warnings: string[];
}

export interface DiscoveryResult {
  services: DiscoveredService[];
  elapsedMs: number;
  /** True when the budget ran out before every probe finished. */
  budgetExhausted: boolean;
}

const RANK: Record<RdStatus, number> = { READY: 0, USED: 1, NOTREADY: 2 };

export function rankServices<T extends { status: RdStatus; port: number }>(services: T[]): T[] {
  return [...services].sort((a, b) => RANK[a.status] - RANK[b.status] || a.port - b.port);
}

/** Fetches and reads DEVICEINFO; warnings for an unregistered device or an mc near expiry. */
export async function fetchDeviceInfo(
  target: { port: number; scheme: RdScheme; interfaces: { deviceInfo: string; fallback: boolean } },
  timeoutMs: number,
  now: Date = new Date(),
): Promise<{ deviceInfo: RdDeviceInfo; certificate?: DeviceCertificate; warnings: string[] }> {
  const paths = target.interfaces.fallback ? [target.interfaces.deviceInfo, '/getDeviceInfo'] : [target.interfaces.deviceInfo];
  let lastError: unknown;
  for (const path of [...new Set(paths)]) {
    try {
      const res = await rdRequest({ scheme: target.scheme, port: target.port, method: 'DEVICEINFO', path, timeoutMs });
      const deviceInfo = parseDeviceInfo(res.body);
      let certificate: DeviceCertificate | undefined;
      const warnings: string[] = [];
      try {
        certificate = readDeviceCertificate(deviceInfo.mc, now);
      } catch {
        warnings.push('E_RD_BAD_CERT: the device certificate (mc) could not be read.');
      }
      warnings.push(...deviceWarnings(deviceInfo, certificate));
      return { deviceInfo, certificate, warnings };
    } catch (e) {
      lastError = e;
    }
  }
  throw lastError;
}

export async function discoverRdServices(options: DiscoveryOptions = {}): Promise<DiscoveryResult> {
  const started = Date.now();
  const budgetMs = options.budgetMs ?? 1500;
  const probeTimeoutMs = options.probeTimeoutMs ?? 1000;
  const schemes = options.schemes ?? ['http', 'https'];
  const deadline = started + budgetMs;
  const remaining = () => Math.max(0, deadline - Date.now());
  let budgetExhausted = false;
  const now = options.now ?? (() => new Date());

  const probe = async (port: number, scheme: RdScheme): Promise<RdServiceDoc | 'next-scheme' | undefined> => {
    const timeoutMs = Math.min(probeTimeoutMs, remaining());
    if (timeoutMs <= 0) {
      budgetExhausted = true;
      return undefined;
    }
    try {
      const res = await rdRequest({ scheme, port, method: 'RDSERVICE', path: '*', timeoutMs, ext: options.ext ?? DEFAULT_EXT, signal: options.signal });
      if (res.status !== 200) return undefined;
      return parseRdService(res.body);
    } catch (e) {
      const reason = isKioskError(e) ? e.details?.reason : undefined;
      if (reason === 'timeout' && remaining() === 0) budgetExhausted = true;
      // A TLS service drops a plaintext request at once; try the next scheme. Refused or silent: nothing here.
      return reason === 'reset' || reason === 'protocol' || reason === 'tls' ? 'next-scheme' : undefined;
    }
  };

  const probePort = async (port: number): Promise<DiscoveredService | undefined> => {
    for (const scheme of schemes) {
      const doc = await probe(port, scheme);
      if (doc === 'next-scheme') continue;
      if (!doc) return undefined;
      const service: DiscoveredService = { ...doc, port, scheme, modality: classifyModality(doc.info), warnings: [] };
      if (options.withDeviceInfo ?? true) {
        const timeoutMs = Math.min(probeTimeoutMs, remaining());
        if (timeoutMs > 0 && !options.signal?.aborted) {
          try {
            const di = await fetchDeviceInfo({ port, scheme, interfaces: doc.interfaces }, timeoutMs, now());
            Object.assign(service, di);
            service.modality = classifyModality(doc.info, di.deviceInfo.mi);
          } catch {
            service.warnings.push('E_RD_NO_DEVICEINFO: the service did not answer DEVICEINFO.');
          }
        }
      }
      return service;
    }
    return undefined;
  };

  const found = await Promise.all((options.ports ?? RD_PORTS).map(probePort));
  return {
    services: rankServices(found.filter((s): s is DiscoveredService => s !== undefined)),
    elapsedMs: Date.now() - started,
    budgetExhausted,
  };
}
