/**
 * A thin signed client for the central API's /v1/verify routes: axios, each
 * request signed with the kiosk's Ed25519 device key over the shared canonical
 * request (src/shared/sync/signing.ts), the same scheme the sync client uses.
 * Written here because src/main/sync has no client yet; swap for it when it lands.
 * Never logs bodies: they carry the Aadhaar number, the OTP and the PID.
 */
import { createHash, randomBytes, sign, type KeyObject } from 'node:crypto';
import axios, { type AxiosInstance } from 'axios';
import { HEADER_DEVICE, HEADER_NONCE, HEADER_SIGNATURE, HEADER_TIME, canonicalRequest } from '../../shared/sync/signing';

export interface CentralCredentials {
  baseURL: string;
  deviceId: string;
  privateKey: KeyObject;
}

export interface CentralAnswer {
  status: number;
  data: unknown;
  headers: Record<string, string | undefined>;
}

export interface CentralClient {
  request(method: 'GET' | 'POST', path: string, body?: unknown, opts?: { timeoutMs?: number }): Promise<CentralAnswer>;
}

/** Network-level failure: the request did not get an HTTP answer. */
export class NetworkError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export function createSignedClient(creds: CentralCredentials, defaults: { timeoutMs?: number; now?: () => number } = {}): CentralClient {
  const http: AxiosInstance = axios.create({ baseURL: creds.baseURL, validateStatus: () => true, proxy: false, transformResponse: [(d) => d] });
  const now = defaults.now ?? Date.now;
  return {
    async request(method, path, body, opts = {}) {
      const text = body === undefined ? '' : JSON.stringify(body);
      const time = String(now());
      const nonce = randomBytes(16).toString('base64url');
      const bodySha256 = createHash('sha256').update(text).digest('hex');
      const signature = sign(null, Buffer.from(canonicalRequest({ method, path, bodySha256, time, nonce, deviceId: creds.deviceId })), creds.privateKey).toString('base64');
      try {
        const res = await http.request<string>({
          method, url: path, data: text || undefined, timeout: opts.timeoutMs ?? defaults.timeoutMs ?? 20_000,
          headers: { [HEADER_DEVICE]: creds.deviceId, [HEADER_TIME]: time, [HEADER_NONCE]: nonce, [HEADER_SIGNATURE]: signature, ...(text ? { 'content-type': 'application/json' } : {}) },
        });
        let data: unknown;
        try { data = res.data ? JSON.parse(res.data) : undefined; } catch { data = undefined; }
        const headers: Record<string, string | undefined> = {};
        for (const [k, v] of Object.entries(res.headers)) headers[k.toLowerCase()] = v === undefined || v === null ? undefined : String(v);
        return { status: res.status, data, headers };
      } catch (e) {
        const code = (e as { code?: string }).code ?? 'network error';
        throw new NetworkError(code === 'ECONNABORTED' ? 'timeout' : code);
      }
    },
  };
}
