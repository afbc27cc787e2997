/**
 * Fetching list bundles from the central API when the kiosk is online:
 * GET /v1/watchlists/manifest, and when its version differs from the
 * installed one, GET /v1/watchlists/bundle/:version. Requests are signed with
 * the device key the sync service holds (its `credentials()`), over the shared
 * canonical request. Written here rather than through the sync client because
 * that client reads JSON answers only and the bundle body is gzip bytes.
 * Verification and keep-last-good are the BundleStore's job (bundle-store.ts).
 */
import { createHash, randomBytes, sign, type KeyObject } from 'node:crypto';
import axios, { type AxiosInstance } from 'axios';
import { HEADER_DEVICE, HEADER_NONCE, HEADER_SERVER_TIME, HEADER_SIGNATURE, HEADER_TIME, canonicalRequest } from '../../shared/sync/signing';

export interface CentralCredentials {
  baseURL: string;
  deviceId: string;
  privateKey: KeyObject;
}

export type ListFetch =
  | { outcome: 'offline'; reason: string }
  | { outcome: 'none-published' }
  | { outcome: 'unchanged'; version: string }
  | { outcome: 'fetched'; version: string; manifest: unknown; body: Buffer }
  | { outcome: 'failed'; status: number; code: string };

interface Answer { status: number; body: Buffer; serverTime: number }

export class CentralListsClient {
  private readonly http: AxiosInstance;
  /** server clock - kiosk clock, learned from answers (a skewed kiosk still signs inside the window). */
  private clockOffsetMs = 0;

  constructor(private readonly creds: CentralCredentials, private readonly options: { timeoutMs?: number; now?: () => number } = {}) {
    this.http = axios.create({ baseURL: creds.baseURL, validateStatus: () => true, proxy: false, maxRedirects: 0, responseType: 'arraybuffer', timeout: options.timeoutMs ?? 60_000 });
  }

  private async get(path: string): Promise<Answer> {
    const now = this.options.now ?? Date.now;
    const sendOnce = async (): Promise<Answer> => {
      const time = String(Math.round(now() + this.clockOffsetMs));
      const nonce = randomBytes(18).toString('base64url');
      const bodySha256 = createHash('sha256').update('').digest('hex');
      const signature = sign(null, Buffer.from(canonicalRequest({ method: 'GET', path, bodySha256, time, nonce, deviceId: this.creds.deviceId })), this.creds.privateKey).toString('base64');
      const sentAt = now();
      const res = await this.http.get<ArrayBuffer>(path, { headers: { [HEADER_DEVICE]: this.creds.deviceId, [HEADER_TIME]: time, [HEADER_NONCE]: nonce, [HEADER_SIGNATURE]: signature } });
      const serverTime = Number(res.headers[HEADER_SERVER_TIME]);
      if (Number.isFinite(serverTime) && serverTime > 0) this.clockOffsetMs = serverTime - (sentAt + now()) / 2;
      return { status: res.status, body: Buffer.from(res.data), serverTime };
    };
    const first = await sendOnce();
    if (first.status === 401 && codeOf(first.body) === 'E_AUTH_CLOCK_SKEW') return sendOnce();
    return first;
  }

  /** The newest bundle when it differs from `installedVersion`; never throws (network failures are 'offline'). */
  async fetchNewer(installedVersion: string | null): Promise<ListFetch> {
    try {
      const m = await this.get('/v1/watchlists/manifest');
      if (m.status === 404) return { outcome: 'none-published' };
      if (m.status !== 200) return { outcome: 'failed', status: m.status, code: codeOf(m.body) ?? 'E_AML_FETCH_FAILED' };
      let manifest: unknown;
      try {
        manifest = JSON.parse(m.body.toString('utf8'));
      } catch {
        return { outcome: 'failed', status: m.status, code: 'E_AML_BUNDLE_MALFORMED' };
      }
      const version = (manifest as { version?: unknown }).version;
      if (typeof version !== 'string' || version.length === 0 || version.length > 64) return { outcome: 'failed', status: m.status, code: 'E_AML_BUNDLE_MALFORMED' };
      if (version === installedVersion) return { outcome: 'unchanged', version };
      const b = await this.get(`/v1/watchlists/bundle/${encodeURIComponent(version)}`);
      if (b.status !== 200) return { outcome: 'failed', status: b.status, code: codeOf(b.body) ?? 'E_AML_FETCH_FAILED' };
      return { outcome: 'fetched', version, manifest, body: b.body };
    } catch (e) {
      const code = (e as { code?: string }).code;
      return { outcome: 'offline', reason: code === 'ECONNABORTED' || code === 'ETIMEDOUT' ? 'timeout' : (code ?? 'network error') };
    }
  }
}

function codeOf(body: Buffer): string | undefined {
  try {
    const c = (JSON.parse(body.toString('utf8')) as { code?: unknown }).code;
    return typeof c === 'string' ? c.slice(0, 64) : undefined;
  } catch {
    return undefined;
  }
}
