/**
 * The HTTP leg of every real adapter: axios with the provider's base URL,
 * headers and timeout, an optional per-provider request-signing hook (IDfy
 * signs nothing; Sumsub/Eko-style providers would), and one mapping from HTTP
 * outcomes to ProviderError kinds.
 */
import axios, { type AxiosInstance, type AxiosRequestConfig } from 'axios';
import { ProviderError } from './errors';

export interface ProviderHttpOptions {
  provider: string;
  baseURL: string;
  timeoutMs: number;
  headers: Record<string, string>;
  /** Adds signature headers to a request just before it is sent. Off for IDfy and Cashfree. */
  signRequest?: (req: { method: string; path: string; body: string; headers: Record<string, string> }) => Record<string, string>;
}

export interface ProviderHttp {
  readonly provider: string;
  request<T>(config: { method: 'GET' | 'POST'; url: string; params?: Record<string, string>; data?: unknown }, signal?: AbortSignal): Promise<{ status: number; data: T }>;
}

/** Retry-After in seconds from either form the header may take (delta-seconds or an HTTP date). */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const s = String(value).trim();
  if (/^\d+$/.test(s)) return Number(s);
  const at = Date.parse(s);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

export function createProviderHttp(opts: ProviderHttpOptions): ProviderHttp {
  const client: AxiosInstance = axios.create({
    baseURL: opts.baseURL,
    timeout: opts.timeoutMs,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...opts.headers },
    validateStatus: () => true,
    // Provider answers are small JSON; a runaway body is a protocol fault, not something to buffer.
    maxContentLength: 8 * 1024 * 1024,
    proxy: false,
  });
  const p = opts.provider;

  return {
    provider: p,
    async request<T>(config: { method: 'GET' | 'POST'; url: string; params?: Record<string, string>; data?: unknown }, signal?: AbortSignal) {
      const req: AxiosRequestConfig = { method: config.method, url: config.url, params: config.params, data: config.data, signal };
      if (opts.signRequest) {
        const body = config.data === undefined ? '' : JSON.stringify(config.data);
        req.data = body || undefined;
        req.headers = opts.signRequest({ method: config.method, path: config.url, body, headers: { ...opts.headers } });
      }
      let res;
      try {
        res = await client.request<T>(req);
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || axios.isCancel(e) || code === 'ERR_CANCELED') {
          throw new ProviderError(p, 'timeout', `${p} did not answer in time`, { cause: e });
        }
        throw new ProviderError(p, 'unavailable', `${p} could not be reached (${code ?? 'network error'})`, { cause: e });
      }
      const status = res.status;
      if (status >= 200 && status < 300) return { status, data: res.data };
      const retryAfterSec = parseRetryAfter(res.headers['retry-after']);
      const opt = { httpStatus: status, ...(retryAfterSec !== undefined ? { retryAfterSec } : {}) };
      if (status === 401 || status === 403) throw new ProviderError(p, 'auth', `${p} refused our credentials (HTTP ${status})`, opt);
      if (status === 429) throw new ProviderError(p, 'rate_limited', `${p} is rate limiting us`, opt);
      if (status === 404) throw new ProviderError(p, 'not_supported', `${p} does not know this operation (HTTP 404)`, opt);
      if (status === 400 || status === 422) throw new ProviderError(p, 'bad_request', `${p} refused the request as malformed (HTTP ${status})`, opt);
      if (status >= 500) throw new ProviderError(p, 'unavailable', `${p} failed (HTTP ${status})`, opt);
      throw new ProviderError(p, 'protocol', `${p} answered HTTP ${status}`, opt);
    },
  };
}
