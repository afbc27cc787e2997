/**
 * What the sync engine needs from the kiosk store, as small ports. The store's
 * OutboxRepository and AuditLog (src/main/store) satisfy them as they are;
 * `storePorts(store)` in store-adapter.ts wires them.
 */
import type { AuditEntry } from '../store/audit/chain';

export type OutboxRowState = 'pending' | 'sending' | 'applied' | 'duplicate' | 'rejected';

export interface OutboxRow {
  id: number;
  idempotencyKey: string;
  recordType: string;
  recordId: string;
  payload: unknown;
  state: OutboxRowState;
  attempts: number;
  rejectionReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface OutboxPort {
  claimBatch(options: { limit?: number; leaseMs?: number }): OutboxRow[];
  markApplied(id: number, serverRef?: string): unknown;
  markDuplicate(id: number, serverRef?: string): unknown;
  markRejected(id: number, reason: string): unknown;
  markFailed(id: number, error: string, retryAt: Date): unknown;
  retry(id: number): unknown;
  listByState(state: OutboxRowState, limit?: number): OutboxRow[];
  /** Runs the marks of one batch in one local transaction (one fsync instead of one per row). */
  atomically?<T>(fn: () => T): T;
  stats(): { pending: number; sending: number; applied: number; duplicate: number; rejected: number; oldestPendingAt: string | null; lastCompletedAt: string | null };
}

/** An audit entry exactly as the store keeps it (the hash covers these fields). */
export type AuditEntryRow = AuditEntry;

export interface AuditPort {
  list(options: { afterSeq?: number; limit?: number }): AuditEntryRow[];
  head(): { seq: number; hash: string } | null;
}

/** Small durable values: the audit cursor and the device identity (kept inside the encrypted store). */
export interface CursorPort {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}
