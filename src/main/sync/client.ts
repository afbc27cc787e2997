/**
 * The kiosk's client for the central API (axios). Every request is signed with
 * the device's Ed25519 key over method, path, body hash, time and nonce. The
 * server's clock comes back on every answer; the client keeps the offset so a
 * kiosk whose clock is off by minutes still signs inside the replay window,
 * and retries once when the server says E_AUTH_CLOCK_SKEW.
 */
import { createHash, createPrivateKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import axios, { type AxiosInstance } from 'axios';
import {
  HEADER_DEVICE, HEADER_NONCE, HEADER_SERVER_TIME, HEADER_SIGNATURE, HEADER_TIME, canonicalRequest,
} from '../../shared/sync/signing';

export interface DeviceIdentity {
  deviceId: string;
  branchId: string;
  apiUrl: string;
  /** PKCS#8 PEM; kept only in the encrypted store (see store-adapter.ts). */
  privateKeyPem: string;
}

export interface ApiResponse {
  status: number;
  data: unknown;
}

/** A failure with no HTTP answer (refused, reset, timeout): retried. */
export class NetworkError extends Error {
  constructor(message: string, readonly kind: 'timeout' | 'network') {
    super(message);
  }
}

export interface ClientOptions {
  timeoutMs?: number;
  /** The kiosk's wall clock (tests skew it). */
  now?: () => number;
}

function axiosFor(baseURL: string, timeout: number): AxiosInstance {
  return axios.create({
    baseURL,
    timeout,
    validateStatus: () => true,
    // We send the exact bytes we signed.
    transformRequest: [(data: unknown) => data],
    responseType: 'json',
    maxRedirects: 0,
    proxy: false,
  });
}

async function send(http: AxiosInstance, config: Parameters<AxiosInstance['request']>[0]) {
  try {
    return await http.request(config);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new NetworkError(`The central API could not be reached (${code ?? 'network error'}).`, code === 'ECONNABORTED' || code === 'ETIMEDOUT' ? 'timeout' : 'network');
  }
}

export class CentralApiClient {
  private readonly http: AxiosInstance;
  private readonly key: KeyObject;
  private readonly now: () => number;
  /** server clock - kiosk clock, learned from answers. */
  clockOffsetMs = 0;

  constructor(private readonly identity: DeviceIdentity, options: ClientOptions = {}) {
    this.http = axiosFor(identity.apiUrl, options.timeoutMs ?? 10_000);
    this.key = createPrivateKey(identity.privateKeyPem);
    this.now = options.now ?? Date.now;
  }

  get deviceId(): string {
    return this.identity.deviceId;
  }

  async request(method: 'GET' | 'POST', path: string, body?: unknown, signal?: AbortSignal): Promise<ApiResponse> {
    const first = await this.signedOnce(method, path, body, signal);
    const code = (first.data as { code?: string } | undefined)?.code;
    // Our clock was outside the window: the answer carried the server's time, so sign again with it.
    if (first.status === 401 && code === 'E_AUTH_CLOCK_SKEW') return this.signedOnce(method, path, body, signal);
    return first;
  }

  private async signedOnce(method: string, path: string, body: unknown, signal?: AbortSignal): Promise<ApiResponse> {
    const text = body === undefined ? '' : JSON.stringify(body);
    const time = String(Math.round(this.now() + this.clockOffsetMs));
    const nonce = randomBytes(18).toString('base64url');
    const bodySha256 = createHash('sha256').update(text).digest('hex');
    const signature = sign(null, Buffer.from(canonicalRequest({ method, path, bodySha256, time, nonce, deviceId: this.identity.deviceId })), this.key).toString('base64');
    const sentAt = this.now();
    const res = await send(this.http, {
      method,
      url: path,
      data: text || undefined,
      headers: {
        [HEADER_DEVICE]: this.identity.deviceId, [HEADER_TIME]: time, [HEADER_NONCE]: nonce, [HEADER_SIGNATURE]: signature,
        ...(text ? { 'content-type': 'application/json' } : {}),
      },
      ...(signal ? { signal } : {}),
    });
    const serverTime = Number(res.headers[HEADER_SERVER_TIME]);
    if (Number.isFinite(serverTime) && serverTime > 0) this.clockOffsetMs = serverTime - (sentAt + this.now()) / 2;
    return { status: res.status, data: res.data };
  }

  /** Enrols this kiosk with a one-time code from an administrator; returns the identity to keep. */
  static async enrol(apiUrl: string, code: string, name: string, timeoutMs = 10_000): Promise<DeviceIdentity> {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const res = await send(axiosFor(apiUrl, timeoutMs), {
      method: 'POST',
      url: '/v1/devices/enrol',
      data: JSON.stringify({ code, name, publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() }),
      headers: { 'content-type': 'application/json' },
    });
    const data = res.data as { deviceId?: string; branchId?: string; code?: string; message?: string };
    if (res.status !== 200 || !data.deviceId || !data.branchId) {
      throw Object.assign(new Error(data.message ?? `Enrolment failed (${res.status}).`), { code: data.code ?? 'E_SYNC_ENROL_FAILED' });
    }
    return { deviceId: data.deviceId, branchId: data.branchId, apiUrl, privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
  }
}
