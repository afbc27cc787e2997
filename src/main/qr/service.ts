/**
 * The QR service: verifies scanned QRs and offline e-KYC ZIPs against the pinned
 * UIDAI certificates, and runs the hardware scanner hub. Hardware scans are held
 * here (one-time id, two minutes) and announced by `qr:scanned` without their
 * content; the renderer redeems the id with `qr:verify`.
 *
 * Configuration (no release needed):
 *  - extra UIDAI certificates: `<dataDir>/uidai-certs/*.cer|pem` (and `VDEX_UIDAI_CERT_DIR` outside production);
 *  - scanners and e-KYC freshness: `<dataDir>/scanners.json`, e.g.
 *    `{ "serial": [{ "path": "/dev/ttyACM0", "baudRate": 115200, "terminator": "cr", "interCharTimeoutMs": 80 }],
 *       "hid": true, "hotplug": true, "ekycMaxAgeDays": 3,
 *       "serialWatch": ["/dev/ttyACM*", "/dev/ttyUSB*"], "serialWatchMs": 500 }`
 *    (`serialWatch`: device-file globs watched for ports arriving and leaving; [] = off).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { KioskError } from '../../shared/errors';
import type { EkycView, QrVerification, ScannersStatus, ScanSource } from '../../shared/ipc/qr';
import type { Logger } from '../../shared/log';
import { DEFAULT_MAX_AGE_DAYS, detectFormat, loadTrustStore, normaliseScan, openOfflineEkyc, verifyScan, type TrustStore } from '../../devices/qr';
import { DEFAULT_SERIAL_WATCH, isWatchGlob, listHidPosDevices, listSerialPorts, ScannerHub, type ScanFromDevice, type UsbLoader } from '../../devices/scanners';
import type { KioskConfig } from '../config';
import type { EventBus } from '../events';

const SCAN_TTL_MS = 120_000;
const MAX_HELD_SCANS = 8;

export const ScannersConfigSchema = z.object({
  serial: z.array(z.object({
    path: z.string().min(1),
    baudRate: z.number().int().positive().default(9600),
    terminator: z.enum(['cr', 'lf', 'crlf', 'none']).default('cr'),
    interCharTimeoutMs: z.number().int().min(5).max(5000).default(80),
  })).default([]),
  hid: z.boolean().default(true),
  hotplug: z.boolean().default(true),
  serialWatch: z.array(z.string().max(512).refine(isWatchGlob, 'an absolute path whose file name may hold * or ?')).max(16).default([...DEFAULT_SERIAL_WATCH]),
  serialWatchMs: z.number().int().min(100).max(1000).default(500),
  ekycMaxAgeDays: z.number().positive().max(365).default(DEFAULT_MAX_AGE_DAYS),
});
export type ScannersConfig = z.infer<typeof ScannersConfigSchema>;

export function loadScannersConfig(dataDir: string): ScannersConfig {
  const file = path.join(dataDir, 'scanners.json');
  if (!existsSync(file)) return ScannersConfigSchema.parse({});
  try {
    return ScannersConfigSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    throw new KioskError('E_QR_CONFIG', 'scanners.json in the kiosk data folder is not valid; fix or remove it.');
  }
}

export interface QrServiceOptions {
  config: KioskConfig;
  events: EventBus;
  log: Logger;
  /** Start the hardware scanner hub (not for the CLI). */
  scanners: boolean;
  /** Overrides <dataDir>/scanners.json. */
  scannersConfig?: Partial<ScannersConfig>;
  /** Stands in for the `usb` module (tests: this machine has no USB bus). */
  loadUsb?: UsbLoader;
}

export interface VerifyRequest {
  text?: string;
  scanId?: string;
  source?: ScanSource;
  mobile?: string;
  email?: string;
}

export interface EkycRequest {
  zipBase64: string;
  shareCode: string;
  mobile?: string;
  email?: string;
}

export class QrService {
  private trustStore: TrustStore | null = null;
  private readonly held = new Map<string, { text: string; source: ScanSource; expires: number }>();
  readonly hub: ScannerHub | null;
  readonly scannersConfig: ScannersConfig;

  constructor(private readonly options: QrServiceOptions) {
    this.scannersConfig = ScannersConfigSchema.parse({ ...loadScannersConfigSafe(options.config.dataDir, options.log), ...options.scannersConfig });
    this.hub = options.scanners
      ? new ScannerHub({
        serial: this.scannersConfig.serial, hid: this.scannersConfig.hid, hotplug: this.scannersConfig.hotplug, log: options.log,
        serialWatch: this.scannersConfig.serialWatch.length ? { patterns: this.scannersConfig.serialWatch, pollMs: this.scannersConfig.serialWatchMs } : false,
        ...(options.loadUsb ? { loadUsb: options.loadUsb } : {}),
      })
      : null;
    this.hub?.on('scan', (scan: ScanFromDevice) => this.accept(scan.text, scan.source, scan.device, scan.receivedAt));
    this.hub?.on('changed', (c: { change: 'arrived' | 'left'; kind: 'usb' | 'serial' | 'hid'; device: string }) => options.events.emit('scanners:changed', c));
  }

  /** The pinned certificates: bundled, plus the configured folders. Loaded on first use. */
  get trust(): TrustStore {
    if (!this.trustStore) {
      const dirs = [path.join(this.options.config.dataDir, 'uidai-certs')];
      if (this.options.config.mode !== 'production' && process.env.VDEX_UIDAI_CERT_DIR) dirs.push(process.env.VDEX_UIDAI_CERT_DIR);
      this.trustStore = loadTrustStore({ dirs });
    }
    return this.trustStore;
  }

  async start(): Promise<void> {
    await this.hub?.start();
  }

  /** A scan from any main-side source: held for redemption, announced without its content. */
  accept(text: string, source: ScanSource, device: string | undefined, receivedAt = new Date()): string {
    const now = Date.now();
    for (const [id, s] of this.held) if (s.expires < now) this.held.delete(id);
    while (this.held.size >= MAX_HELD_SCANS) this.held.delete(this.held.keys().next().value!);
    const scanId = randomUUID();
    this.held.set(scanId, { text, source, expires: now + SCAN_TTL_MS });
    const format = detectFormat(normaliseScan(text));
    this.options.log.info({ source, length: text.length, format }, 'scan received');
    this.options.events.emit('qr:scanned', { source, ...(device ? { device } : {}), scanId, length: text.length, format, receivedAt: receivedAt.toISOString() });
    return scanId;
  }

  async verify(request: VerifyRequest): Promise<QrVerification> {
    let text = request.text;
    let source: ScanSource | null = request.source ?? null;
    if (request.scanId !== undefined) {
      const held = this.held.get(request.scanId);
      this.held.delete(request.scanId);
      if (!held || held.expires < Date.now()) throw new KioskError('E_QR_SCAN_EXPIRED', 'That scan is no longer held by the kiosk. Please scan again.');
      text = held.text;
      source = held.source;
    }
    try {
      const result = await verifyScan(text ?? '', { trust: this.trust, source, ...(request.mobile ? { mobile: request.mobile } : {}), ...(request.email ? { email: request.email } : {}) });
      this.options.log.info({ format: result.format, verified: result.verified, signer: result.format === 'secure-qr' ? result.signer.id : null }, 'qr verified');
      return result;
    } catch (e) {
      this.options.log.info({ code: e instanceof KioskError ? e.code : 'E_INTERNAL', length: text?.length ?? 0 }, 'qr refused');
      throw e;
    }
  }

  async openEkyc(request: EkycRequest): Promise<EkycView> {
    const zip = Buffer.from(request.zipBase64, 'base64');
    try {
      const result = await openOfflineEkyc(zip, {
        trust: this.trust, shareCode: request.shareCode, maxAgeDays: this.scannersConfig.ekycMaxAgeDays,
        ...(request.mobile ? { mobile: request.mobile } : {}), ...(request.email ? { email: request.email } : {}),
      });
      this.options.log.info({ signer: result.signer.id, ageHours: result.ageHours }, 'offline e-KYC verified');
      return result;
    } catch (e) {
      this.options.log.info({ code: e instanceof KioskError ? e.code : 'E_INTERNAL', bytes: zip.length }, 'offline e-KYC refused');
      throw e;
    } finally {
      zip.fill(0);
    }
  }

  async status(): Promise<ScannersStatus> {
    const [listed, hidPosDevices] = await Promise.all([listSerialPorts(), listHidPosDevices().catch(() => [])]);
    // Ports the watch sees (ptys, ports udev has not described yet) join the udev list.
    const serialPorts = [...listed, ...(this.hub?.serialPorts() ?? []).filter((p) => !listed.some((l) => l.path === p)).map((p) => ({ path: p }))];
    return { sources: this.hub?.status() ?? [], serialPorts, hidPosDevices };
  }

  async close(): Promise<void> {
    this.held.clear();
    await this.hub?.close();
  }
}

function loadScannersConfigSafe(dataDir: string, log: Logger): Partial<ScannersConfig> {
  try {
    return loadScannersConfig(dataDir);
  } catch (e) {
    log.warn({ code: e instanceof KioskError ? e.code : 'E_INTERNAL' }, 'scanners.json ignored');
    return {};
  }
}
