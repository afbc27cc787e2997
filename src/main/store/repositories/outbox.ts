/**
 * The transactional outbox the sync engine drains. Rows are written in the
 * same transaction as the record they carry (OnboardingRepository.commit).
 * States: pending -> sending (lease) -> applied | duplicate | rejected;
 * a transient failure returns the row to pending with a later next_attempt_at;
 * a rejected row is parked with the server's reason until someone retries it.
 * FIFO per record: a row is not claimed while an earlier row of the same
 * record is pending, sending or rejected (its events never overtake it).
 */
import { createHash, randomUUID } from 'node:crypto';
import { KioskError } from '../../../shared/errors';
import { addMs, iso, systemClock, type Clock } from '../clock';
import type { Db } from '../database';
import { StoreErrorCode } from '../errors';
import { fromRow, stmt } from '../rows';

export type OutboxState = 'pending' | 'sending' | 'applied' | 'duplicate' | 'rejected';

export interface OutboxItem {
  id: number;
  idempotencyKey: string;
  recordType: string;
  recordId: string;
  /** Null once retention has purged a completed row's personal data. */
  payload: unknown;
  payloadHash: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string;
  leaseUntil: string | null;
  lastError: string | null;
  rejectionReason: string | null;
  serverRef: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
}

export interface OutboxEnqueue {
  recordType: string;
  recordId: string;
  payload: unknown;
  /** Client idempotency key sent to the server; a UUID is made when absent. */
  idempotencyKey?: string;
}

export interface OutboxStats {
  pending: number;
  sending: number;
  applied: number;
  duplicate: number;
  rejected: number;
  oldestPendingAt: string | null;
  lastCompletedAt: string | null;
}

export function payloadHash(payload: unknown): string {
  return createHash('sha256').update(JSON.stringify(payload)).digest('hex');
}

export class OutboxRepository {
  constructor(private readonly db: Db, private readonly clock: Clock = systemClock) {}

  /** Adds a row; call inside the transaction that writes the record. */
  enqueue(item: OutboxEnqueue): OutboxItem {
    const now = iso(this.clock());
    const key = item.idempotencyKey ?? randomUUID();
    const info = stmt(this.db, `INSERT INTO outbox (idempotency_key, record_type, record_id, payload_json, payload_hash, state, attempts, next_attempt_at, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)`).run(key, item.recordType, item.recordId, JSON.stringify(item.payload), payloadHash(item.payload), now, now, now);
    return this.get(Number(info.lastInsertRowid));
  }

  get(id: number): OutboxItem {
    const row = stmt(this.db, 'SELECT * FROM outbox WHERE id = ?').get(id);
    if (!row) throw new KioskError(StoreErrorCode.NOT_FOUND, `Outbox item ${id} does not exist.`, { id });
    return fromRow<OutboxItem>(row);
  }

  /** Returns expired leases (a sender that died mid-flight) to pending. Claim does this too. */
  releaseExpiredLeases(): number {
    const now = iso(this.clock());
    return stmt(this.db, `UPDATE outbox SET state = 'pending', lease_until = NULL, updated_at = ? WHERE state = 'sending' AND lease_until < ?`).run(now, now).changes;
  }

  /**
   * Claims up to `limit` due rows in FIFO order per record and leases them for
   * `leaseMs`; each claim counts as an attempt.
   */
  claimBatch(options: { limit?: number; leaseMs?: number } = {}): OutboxItem[] {
    const limit = options.limit ?? 50;
    const leaseMs = options.leaseMs ?? 60_000;
    return this.db.transaction(() => {
      this.releaseExpiredLeases();
      const now = this.clock();
      const ids = stmt(this.db, `SELECT o.id FROM outbox o
        WHERE o.state = 'pending' AND o.next_attempt_at <= ?
          AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.record_id = o.record_id AND e.id < o.id AND e.state IN ('pending', 'sending', 'rejected'))
        ORDER BY o.id LIMIT ?`).pluck(true).all(iso(now), limit) as number[];
      const lease = iso(addMs(now, leaseMs));
      const claim = stmt(this.db, `UPDATE outbox SET state = 'sending', lease_until = ?, attempts = attempts + 1, updated_at = ? WHERE id = ?`);
      for (const id of ids) claim.run(lease, iso(now), id);
      return ids.map((id) => this.get(id));
    }).immediate();
  }

  private finish(id: number, state: 'applied' | 'duplicate' | 'rejected', fields: { rejectionReason?: string; serverRef?: string }): OutboxItem {
    const now = iso(this.clock());
    const changed = stmt(this.db, `UPDATE outbox SET state = ?, lease_until = NULL, rejection_reason = ?, server_ref = coalesce(?, server_ref), completed_at = ?, updated_at = ?
      WHERE id = ? AND state IN ('sending', 'pending')`).run(state, fields.rejectionReason ?? null, fields.serverRef ?? null, state === 'rejected' ? null : now, now, id).changes;
    if (changed === 0) throw this.badState(id, state);
    return this.get(id);
  }

  /** The server applied the row (2xx). */
  markApplied(id: number, serverRef?: string): OutboxItem {
    return this.finish(id, 'applied', serverRef === undefined ? {} : { serverRef });
  }

  /** The server already had it (same idempotency key): as good as applied. */
  markDuplicate(id: number, serverRef?: string): OutboxItem {
    return this.finish(id, 'duplicate', serverRef === undefined ? {} : { serverRef });
  }

  /** The server refused it (4xx validation): parked with the reason, visible to the agent. */
  markRejected(id: number, reason: string): OutboxItem {
    return this.finish(id, 'rejected', { rejectionReason: reason.slice(0, 2000) });
  }

  /** A transient failure (network, 5xx, 429): back to pending, due again at `retryAt`. */
  markFailed(id: number, error: string, retryAt: Date): OutboxItem {
    const changed = stmt(this.db, `UPDATE outbox SET state = 'pending', lease_until = NULL, last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ? AND state = 'sending'`)
      .run(error.slice(0, 2000), iso(retryAt), iso(this.clock()), id).changes;
    if (changed === 0) throw this.badState(id, 'pending');
    return this.get(id);
  }

  /** A person retries a rejected row (after fixing what the server complained about). Erased rows cannot be retried. */
  retry(id: number): OutboxItem {
    const now = iso(this.clock());
    const changed = stmt(this.db, `UPDATE outbox SET state = 'pending', next_attempt_at = ?, updated_at = ? WHERE id = ? AND state = 'rejected' AND payload_json IS NOT NULL`).run(now, now, id).changes;
    if (changed === 0) throw this.badState(id, 'pending');
    return this.get(id);
  }

  listByState(state: OutboxState, limit = 100): OutboxItem[] {
    return stmt(this.db, 'SELECT * FROM outbox WHERE state = ? ORDER BY id LIMIT ?').all(state, limit).map((r) => fromRow<OutboxItem>(r));
  }

  listForRecord(recordId: string): OutboxItem[] {
    return stmt(this.db, 'SELECT * FROM outbox WHERE record_id = ? ORDER BY id').all(recordId).map((r) => fromRow<OutboxItem>(r));
  }

  stats(): OutboxStats {
    const counts = Object.fromEntries((stmt(this.db, 'SELECT state, count(*) AS n FROM outbox GROUP BY state').all() as Array<{ state: OutboxState; n: number }>).map((r) => [r.state, r.n]));
    const oldest = stmt(this.db, `SELECT min(created_at) FROM outbox WHERE state IN ('pending', 'sending')`).pluck(true).get() as string | null;
    const last = stmt(this.db, `SELECT max(completed_at) FROM outbox`).pluck(true).get() as string | null;
    return {
      pending: counts.pending ?? 0, sending: counts.sending ?? 0, applied: counts.applied ?? 0,
      duplicate: counts.duplicate ?? 0, rejected: counts.rejected ?? 0, oldestPendingAt: oldest, lastCompletedAt: last,
    };
  }

  private badState(id: number, to: string): KioskError {
    const row = stmt(this.db, 'SELECT state FROM outbox WHERE id = ?').pluck(true).get(id) as string | undefined;
    return row === undefined
      ? new KioskError(StoreErrorCode.NOT_FOUND, `Outbox item ${id} does not exist.`, { id })
      : new KioskError(StoreErrorCode.BAD_STATE, `Outbox item ${id} is ${row} and cannot become ${to}.`, { id, state: row, to });
  }
}
