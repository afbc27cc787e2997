/**
 * The sync engine: drains the store's audit log (by cursor) and outbox (by
 * lease) to the central API in signed batches. At-least-once with the server's
 * idempotency keys making it exactly-once; per-item outcomes (applied,
 * duplicate, rejected with the server's reason); transient failures back off
 * with full jitter and trip a circuit breaker (cockatiel); every request has a
 * timeout. It runs on its own loop: nothing in the onboarding flow awaits it.
 */
import {
  CircuitState, ConsecutiveBreaker, ExponentialBackoff, TimeoutStrategy, circuitBreaker, handleType, retry, timeout, wrap,
  BrokenCircuitError, TaskCancelledError, type IPolicy,
} from 'cockatiel';
import type { EventPayload } from '../../shared/ipc';
import type { QueueStatus } from '../../shared/ipc/sync';
import type { Logger } from '../../shared/log';
import { ChainBreakSchema, SyncBatchResponseSchema, type SyncItemResult } from '../../shared/sync/items';
import { NetworkError, type ApiResponse, type CentralApiClient } from './client';
import { auditItem, outboxItem } from './items';
import type { AuditPort, CursorPort, OutboxPort, OutboxRow } from './ports';

export const AUDIT_CURSOR = 'audit.sent_seq';

/** Worth trying again: no answer, 5xx, 429, or an identity problem the server may get over. */
export class TransientError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
  }
}

export interface SyncEngineOptions {
  outbox: OutboxPort;
  audit: AuditPort;
  cursors: CursorPort;
  client?: CentralApiClient | undefined;
  log: Logger;
  emit?: <E extends 'sync:progress' | 'queue:changed'>(event: E, payload: EventPayload<E>) => void;
  batchSize?: number;
  leaseMs?: number;
  requestTimeoutMs?: number;
  /** Poll interval when idle. */
  idleMs?: number;
  /** Backoff between failed cycles: full jitter over base * 2^n, capped. */
  backoff?: { baseMs: number; capMs: number };
  /** In-request retries (cockatiel, decorrelated jitter) before a cycle gives up. */
  retry?: { maxAttempts: number; initialDelayMs: number; maxDelayMs: number };
  breaker?: { consecutiveFailures: number; halfOpenAfterMs: number };
  random?: () => number;
}

const BREAKER: Record<CircuitState, QueueStatus['breaker']> = {
  [CircuitState.Closed]: 'closed', [CircuitState.Open]: 'open', [CircuitState.HalfOpen]: 'half-open', [CircuitState.Isolated]: 'isolated',
};

export class SyncEngine {
  private client: CentralApiClient | undefined;
  private readonly policy: IPolicy;
  private readonly breakerPolicy: ReturnType<typeof circuitBreaker>;
  private batchSize: number;
  private running = false;
  private cycle: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private failures = 0;
  private online = false;
  private lastSuccessAt: string | null = null;
  private nextAttemptAt: number | null = null;
  private lastError: string | null = null;
  private chainBreakAt: number | null = null;
  private readonly random: () => number;

  constructor(private readonly o: SyncEngineOptions) {
    this.client = o.client;
    this.batchSize = o.batchSize ?? 200;
    this.random = o.random ?? Math.random;
    const r = o.retry ?? { maxAttempts: 2, initialDelayMs: 200, maxDelayMs: 2_000 };
    const b = o.breaker ?? { consecutiveFailures: 5, halfOpenAfterMs: 15_000 };
    const transient = handleType(TransientError).orType(NetworkError).orType(TaskCancelledError);
    this.breakerPolicy = circuitBreaker(transient, { halfOpenAfter: b.halfOpenAfterMs, breaker: new ConsecutiveBreaker(b.consecutiveFailures) });
    this.policy = wrap(
      retry(transient, { maxAttempts: r.maxAttempts, backoff: new ExponentialBackoff({ initialDelay: r.initialDelayMs, maxDelay: r.maxDelayMs }) }),
      this.breakerPolicy,
      timeout(o.requestTimeoutMs ?? 15_000, TimeoutStrategy.Aggressive),
    );
  }

  setClient(client: CentralApiClient): void {
    this.client = client;
    this.kick();
  }

  get enrolled(): boolean {
    return this.client !== undefined;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.kick();
    await this.cycle;
  }

  /** Wakes the loop (new rows were queued, the agent pressed "sync now"). */
  kick(): void {
    this.nextAttemptAt = null;
    this.wake?.();
  }

  /** One full cycle now (after any cycle in flight); for `sync:now`, tests and the benchmark. */
  async syncNow(): Promise<QueueStatus> {
    await this.exclusiveCycle();
    return this.status();
  }

  /** Cycles never overlap: the loop and `sync:now` queue behind each other. */
  private exclusiveCycle(): Promise<void> {
    const next = (this.cycle ?? Promise.resolve()).then(() => this.runCycle());
    this.cycle = next;
    return next;
  }

  retryRejected(ids?: number[]): number {
    const targets = ids ?? this.o.outbox.listByState('rejected', 10_000).map((r) => r.id);
    let n = 0;
    for (const id of targets) {
      try {
        this.o.outbox.retry(id);
        n++;
      } catch (e) {
        this.o.log.warn({ id, code: (e as { code?: string }).code }, 'rejected row could not be retried');
      }
    }
    if (n > 0) this.kick();
    return n;
  }

  /** Rows the server refused, with its reasons, for the queue screen. */
  rejected(limit = 200): Array<{ id: number; recordType: string; recordId: string; reason: string; attempts: number; updatedAt: string }> {
    return this.o.outbox.listByState('rejected', limit).map((r) => ({
      id: r.id, recordType: r.recordType, recordId: r.recordId, reason: r.rejectionReason ?? 'refused', attempts: r.attempts, updatedAt: r.updatedAt,
    }));
  }

  status(): QueueStatus {
    const s = this.o.outbox.stats();
    const head = this.o.audit.head()?.seq ?? 0;
    return {
      enrolled: this.enrolled,
      online: this.online,
      depth: s.pending + s.sending,
      rejected: s.rejected,
      applied: s.applied + s.duplicate,
      auditPending: Math.max(0, head - this.auditCursor()),
      oldestPendingAt: s.oldestPendingAt,
      lastSuccessAt: this.lastSuccessAt,
      nextAttemptAt: this.nextAttemptAt ? new Date(this.nextAttemptAt).toISOString() : null,
      breaker: BREAKER[this.breakerPolicy.state],
      lastError: this.lastError,
      chainBreakAt: this.chainBreakAt,
      clockSkewMs: Math.round(this.client?.clockOffsetMs ?? 0),
    };
  }

  private async loop(): Promise<void> {
    while (this.running) {
      await this.exclusiveCycle();
      if (!this.running) break;
      const wait = this.nextAttemptAt ? Math.max(0, this.nextAttemptAt - Date.now()) : (this.o.idleMs ?? 5_000);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, wait);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  private auditCursor(): number {
    return Number(this.o.cursors.get(AUDIT_CURSOR) ?? 0);
  }

  private async runCycle(): Promise<void> {
    if (!this.client) return;
    try {
      await this.drainAudit(this.client);
      await this.drainOutbox(this.client);
      this.failures = 0;
      this.nextAttemptAt = null;
    } catch (e) {
      this.failures++;
      const { baseMs, capMs } = this.o.backoff ?? { baseMs: 1_000, capMs: 60_000 };
      const delay = Math.round(this.random() * Math.min(capMs, baseMs * 2 ** Math.min(this.failures, 16)));
      this.nextAttemptAt = Date.now() + delay;
      this.lastError = e instanceof BrokenCircuitError ? 'The central API is failing; waiting before trying again.' : (e as Error).message;
      this.o.log.warn({ err: this.lastError, failures: this.failures, retryInMs: delay }, 'sync cycle failed');
    }
    this.o.emit?.('queue:changed', this.status());
  }

  /** POST one batch through retry + breaker + timeout; the answer or a thrown transient failure. */
  private async post(client: CentralApiClient, items: unknown[]): Promise<ApiResponse> {
    try {
      const res = await this.policy.execute(async ({ signal }) => {
        const r = await client.request('POST', '/v1/sync/batch', { items }, signal);
        if (r.status >= 500 || r.status === 429 || r.status === 401) {
          throw new TransientError(`The central API answered ${r.status}${(r.data as { code?: string })?.code ? ` (${(r.data as { code: string }).code})` : ''}.`, r.status);
        }
        return r;
      });
      this.online = true;
      return res;
    } catch (e) {
      this.online = e instanceof TransientError && e.status !== undefined;
      throw e;
    }
  }

  private async drainAudit(client: CentralApiClient): Promise<void> {
    for (;;) {
      const cursor = this.auditCursor();
      const entries = this.o.audit.list({ afterSeq: cursor, limit: this.batchSize });
      if (entries.length === 0) return;
      const res = await this.post(client, entries.map(auditItem));
      if (res.status === 409) {
        const brk = ChainBreakSchema.safeParse(res.data);
        if (brk.success && brk.data.expected.seq - 1 > cursor) {
          // The server already holds entries past our cursor (the ack was lost): skip ahead, they will answer duplicate anyway.
          this.o.cursors.set(AUDIT_CURSOR, String(brk.data.expected.seq - 1));
          continue;
        }
        this.chainBreakAt = brk.success ? brk.data.firstBadSequence : cursor + 1;
        this.lastError = brk.success ? brk.data.message : 'The central API refused the audit chain.';
        return;
      }
      const body = SyncBatchResponseSchema.safeParse(res.data);
      if (!body.success) throw new TransientError(`Unexpected answer ${res.status} to an audit batch.`, res.status);
      let last = cursor;
      for (const r of body.data.results) {
        if (r.outcome === 'rejected') {
          this.chainBreakAt = r.seq;
          this.lastError = `Audit entry ${r.seq} was rejected: ${r.reason ?? r.code ?? 'no reason'}`;
          break;
        }
        last = r.seq;
      }
      this.o.cursors.set(AUDIT_CURSOR, String(last));
      this.chainBreakAt = last === entries.at(-1)!.seq ? null : this.chainBreakAt;
      this.progress('audit', body.data.results, entries.length);
      this.lastSuccessAt = new Date().toISOString();
      if (last !== entries.at(-1)!.seq) return;
    }
  }

  private async drainOutbox(client: CentralApiClient): Promise<void> {
    for (;;) {
      const rows = this.o.outbox.claimBatch({ limit: this.batchSize, leaseMs: this.o.leaseMs ?? 60_000 });
      if (rows.length === 0) return;
      let res: ApiResponse;
      try {
        res = await this.post(client, rows.map(outboxItem));
      } catch (e) {
        this.fail(rows, (e as Error).message);
        throw e;
      }
      if (res.status === 413 && this.batchSize > 1) {
        this.batchSize = Math.max(1, Math.floor(this.batchSize / 2));
        this.fail(rows, 'batch too large; splitting', 0);
        continue;
      }
      const body = SyncBatchResponseSchema.safeParse(res.data);
      if (!body.success) {
        const message = `The central API answered ${res.status} (${(res.data as { code?: string })?.code ?? 'no code'}).`;
        this.fail(rows, message);
        throw new TransientError(message, res.status);
      }
      const byKey = new Map(body.data.results.map((r) => [r.key, r]));
      const ack = () => {
        for (const row of rows) {
          const r = byKey.get(row.idempotencyKey);
          if (!r) this.o.outbox.markFailed(row.id, 'no answer for this item', new Date());
          else if (r.outcome === 'applied') this.o.outbox.markApplied(row.id);
          else if (r.outcome === 'duplicate') this.o.outbox.markDuplicate(row.id);
          else this.o.outbox.markRejected(row.id, `${r.code ?? 'E_SYNC_REJECTED'}: ${r.reason ?? 'refused by the central API'}`);
        }
      };
      if (this.o.outbox.atomically) this.o.outbox.atomically(ack);
      else ack();
      this.progress('outbox', body.data.results, rows.length);
      this.lastSuccessAt = new Date().toISOString();
    }
  }

  private fail(rows: OutboxRow[], message: string, delayMs?: number): void {
    const { baseMs, capMs } = this.o.backoff ?? { baseMs: 1_000, capMs: 60_000 };
    const wait = delayMs ?? Math.round(this.random() * Math.min(capMs, baseMs * 2 ** Math.min(this.failures + 1, 16)));
    const at = new Date(Date.now() + wait);
    for (const row of rows) this.o.outbox.markFailed(row.id, message, at);
  }

  private progress(phase: 'audit' | 'outbox', results: SyncItemResult[], sent: number): void {
    const count = (o: string) => results.filter((r) => r.outcome === o).length;
    const s = this.o.outbox.stats();
    this.o.emit?.('sync:progress', { phase, sent, applied: count('applied'), duplicate: count('duplicate'), rejected: count('rejected'), depth: s.pending + s.sending });
  }
}
