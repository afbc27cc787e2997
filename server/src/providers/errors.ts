/**
 * One error type for every provider failure, so the routes, the retry policy
 * and the circuit breaker reason about kinds, not about each provider's codes.
 * Messages never carry identity data (adapters pass masked values only).
 */
export type ProviderErrorKind =
  | 'auth' // 401/403: our keys are wrong or revoked; no retry, no breaker
  | 'rate_limited' // 429 from the provider
  | 'unavailable' // 5xx, connection refused/reset
  | 'timeout' // no answer in the provider's time budget
  | 'circuit_open' // our breaker refused the call
  | 'bad_request' // 400/422: our request was malformed
  | 'not_supported' // 404 unknown task/route, or a capability the provider lacks (e.g. VID)
  | 'refused' // the provider processed the request and said no (e.g. Aadhaar not linked to a mobile)
  | 'protocol'; // the answer did not have the documented shape

export class ProviderError extends Error {
  readonly provider: string;
  readonly kind: ProviderErrorKind;
  readonly httpStatus: number | undefined;
  /** Seconds, when the provider (or our breaker) said when to come back. */
  readonly retryAfterSec: number | undefined;

  constructor(provider: string, kind: ProviderErrorKind, message: string, opts: { httpStatus?: number; retryAfterSec?: number; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'ProviderError';
    this.provider = provider;
    this.kind = kind;
    this.httpStatus = opts.httpStatus;
    this.retryAfterSec = opts.retryAfterSec;
  }

  /** Errors that say "the provider did not process this": worth another try when the call is safe to repeat. */
  get transient(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'unavailable' || this.kind === 'timeout';
  }
}

export const isProviderError = (e: unknown): e is ProviderError => e instanceof ProviderError;
