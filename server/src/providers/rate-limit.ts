/**
 * Sliding-window counters for the OTP limits (5 requests per 15 minutes per
 * Aadhaar keyed hash and per agent). Hand-written: @fastify/rate-limit keys on
 * the request before the body is parsed and counts one key per route, while
 * this limit needs two keys from the body, checked together, and counted only
 * once both allow the request. In memory: one central API instance; a restart
 * forgets the windows (documented in the issue note).
 */
export interface LimitVerdict {
  allowed: boolean;
  /** Which key refused, when one did. */
  scope?: string;
  retryAfterSec: number;
  remaining: number;
}

export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(readonly limit: number, readonly windowMs: number, private readonly now: () => number = Date.now) {}

  private recent(key: string, t: number): number[] {
    const list = (this.hits.get(key) ?? []).filter((x) => x > t - this.windowMs);
    if (list.length) this.hits.set(key, list);
    else this.hits.delete(key);
    return list;
  }

  /** Checks every key; if all allow, counts one hit on each. Otherwise counts nothing. */
  take(keys: Record<string, string>): LimitVerdict {
    const t = this.now();
    let remaining = this.limit;
    for (const [scope, key] of Object.entries(keys)) {
      const list = this.recent(`${scope}:${key}`, t);
      if (list.length >= this.limit) {
        return { allowed: false, scope, retryAfterSec: Math.max(1, Math.ceil((list[0]! + this.windowMs - t) / 1000)), remaining: 0 };
      }
      remaining = Math.min(remaining, this.limit - list.length - 1);
    }
    for (const [scope, key] of Object.entries(keys)) {
      const k = `${scope}:${key}`;
      this.hits.set(k, [...(this.hits.get(k) ?? []), t]);
    }
    return { allowed: true, retryAfterSec: 0, remaining };
  }

  /** Drops windows that have expired (called periodically so idle keys do not pile up). */
  sweep(): void {
    const t = this.now();
    for (const key of [...this.hits.keys()]) this.recent(key, t);
  }
}
