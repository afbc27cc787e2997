/**
 * Per-provider resilience with cockatiel: a timeout per attempt, retries with
 * jittered exponential backoff only for calls the caller marks safe to repeat,
 * and one circuit breaker per provider whose state /health and /metrics show.
 * Every logical call is recorded once in api_requests with its retry count.
 */
import {
  BrokenCircuitError, CircuitState, ConsecutiveBreaker, ExponentialBackoff, TaskCancelledError, TimeoutStrategy,
  circuitBreaker, handleWhen, retry, timeout, type CircuitBreakerPolicy,
} from 'cockatiel';
import { ProviderError, isProviderError } from './errors';
import type { VerificationRecorder } from './recorder';

export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated';

export interface GuardOptions {
  /** Per attempt. */
  timeoutMs: number;
  /** maxAttempts counts the first try: 2 means one retry. */
  retry: { maxAttempts: number; initialDelayMs: number; maxDelayMs: number };
  breaker: { consecutiveFailures: number; halfOpenAfterMs: number };
}

export const DEFAULT_GUARD: GuardOptions = {
  timeoutMs: 10_000,
  retry: { maxAttempts: 2, initialDelayMs: 200, maxDelayMs: 2_000 },
  breaker: { consecutiveFailures: 5, halfOpenAfterMs: 30_000 },
};

export interface CallSpec {
  endpoint: string;
  method: string;
  /** True only when repeating the call cannot do harm (lookups, polls). Never for OTP verify or PID submission. */
  retrySafe: boolean;
  journeyId?: string;
  deviceId?: string;
}

const STATE_NAMES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

/** A failure that says the provider is unwell (not that our request or the data was wrong). */
const tripsBreaker = (e: Error) => isProviderError(e) && e.transient;

export class ProviderGuard {
  readonly name: string;
  readonly options: GuardOptions;
  private readonly breaker: CircuitBreakerPolicy;
  private openedAt = 0;
  private readonly listeners = new Set<(s: BreakerState) => void>();
  private readonly recorder: VerificationRecorder | undefined;

  constructor(name: string, options: Partial<GuardOptions> = {}, recorder?: VerificationRecorder) {
    this.name = name;
    this.options = { ...DEFAULT_GUARD, ...options, retry: { ...DEFAULT_GUARD.retry, ...options.retry }, breaker: { ...DEFAULT_GUARD.breaker, ...options.breaker } };
    this.recorder = recorder;
    this.breaker = circuitBreaker(handleWhen(tripsBreaker), {
      halfOpenAfter: this.options.breaker.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(this.options.breaker.consecutiveFailures),
    });
    this.breaker.onBreak(() => { this.openedAt = Date.now(); });
    this.breaker.onStateChange((s) => { for (const l of this.listeners) l(STATE_NAMES[s]); });
  }

  get state(): BreakerState {
    return STATE_NAMES[this.breaker.state];
  }

  onStateChange(listener: (s: BreakerState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs one provider call under timeout, breaker and (if safe) retry; records it once. */
  async call<T>(spec: CallSpec, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const started = performance.now();
    let attempts = 0;
    const attempt = () =>
      this.breaker.execute(async () => {
        attempts++;
        try {
          return await timeout(this.options.timeoutMs, TimeoutStrategy.Aggressive).execute(({ signal }) => fn(signal));
        } catch (e) {
          if (e instanceof TaskCancelledError) throw new ProviderError(this.name, 'timeout', `${this.name} did not answer within ${this.options.timeoutMs} ms`);
          throw e;
        }
      });
    try {
      const value = spec.retrySafe
        ? await retry(handleWhen((e) => isProviderError(e) && e.transient && (e.retryAfterSec ?? 0) * 1000 <= this.options.retry.maxDelayMs), {
            // cockatiel counts retries; ours counts attempts.
            maxAttempts: Math.max(0, this.options.retry.maxAttempts - 1),
            backoff: new ExponentialBackoff({ initialDelay: this.options.retry.initialDelayMs, maxDelay: this.options.retry.maxDelayMs }),
          }).execute(attempt)
        : await attempt();
      await this.record(spec, started, attempts, 200, 'ok');
      return value;
    } catch (e) {
      const err = e instanceof BrokenCircuitError
        ? new ProviderError(this.name, 'circuit_open', `${this.name} is failing; calls are paused for a while`, { retryAfterSec: this.retryAfterSec() })
        : isProviderError(e) ? e : new ProviderError(this.name, 'protocol', `${this.name}: unexpected failure`, { cause: e });
      await this.record(spec, started, attempts, err.httpStatus ?? null, err.kind, err.message);
      throw err;
    }
  }

  /** Seconds until the breaker lets a trial call through. */
  retryAfterSec(): number {
    if (this.breaker.state !== CircuitState.Open) return 0;
    return Math.max(1, Math.ceil((this.openedAt + this.options.breaker.halfOpenAfterMs - Date.now()) / 1000));
  }

  private async record(spec: CallSpec, started: number, attempts: number, httpStatus: number | null, outcome: 'ok' | ProviderError['kind'], error?: string) {
    if (!this.recorder) return;
    await this.recorder.apiRequest({
      provider: this.name,
      endpoint: spec.endpoint,
      method: spec.method,
      httpStatus,
      latencyMs: Math.round(performance.now() - started),
      retries: Math.max(0, attempts - 1),
      outcome,
      ...(error ? { error } : {}),
      ...(spec.journeyId ? { journeyId: spec.journeyId } : {}),
      ...(spec.deviceId ? { deviceId: spec.deviceId } : {}),
      at: new Date(),
    });
  }
}

/** All guards of one server: what /health and /metrics read. */
export class GuardRegistry {
  private readonly guards = new Map<string, ProviderGuard>();
  constructor(private readonly recorder?: VerificationRecorder, private readonly overrides: Record<string, Partial<GuardOptions>> = {}) {}

  get(name: string, defaults: Partial<GuardOptions> = {}): ProviderGuard {
    let g = this.guards.get(name);
    if (!g) {
      g = new ProviderGuard(name, { ...defaults, ...this.overrides[name] }, this.recorder);
      this.guards.set(name, g);
    }
    return g;
  }

  snapshot(): Array<{ provider: string; breaker: BreakerState; retryAfterSec: number }> {
    return [...this.guards.values()].map((g) => ({ provider: g.name, breaker: g.state, retryAfterSec: g.retryAfterSec() }));
  }
}
