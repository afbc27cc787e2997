/**
 * The audit log: append-only (triggers in migration 001 refuse UPDATE and
 * DELETE) and hash-chained: each entry's hash covers its own fields and the
 * previous entry's hash, so an edit, a deletion or a re-ordering is found by
 * walking the chain. The server keeps a copy and verifies the same chain.
 */
import { hash as oneShotHash } from 'node:crypto';
import { iso, systemClock, type Clock } from '../clock';
import { translateSqliteError, type Db } from '../database';
import { stmt } from '../rows';
import { sanitiseDetails } from './sanitise';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntryInput {
  action: string;
  agentId?: string | null;
  /** A reference key (record id, vault ref, outbox id), never identity data. */
  subjectRef?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditEntry {
  seq: number;
  at: string;
  agentId: string | null;
  action: string;
  subjectRef: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export type AuditVerification =
  | { ok: true; checked: number; head: { seq: number; hash: string } | null }
  | { ok: false; checked: number; firstBroken: { seq: number; reason: 'hash_mismatch' | 'link_mismatch' | 'missing_entry' | 'head_mismatch'; message: string } };

/** The hash of one entry: SHA-256 over an unambiguous JSON array of its fields and the previous hash. */
export function entryHash(prevHash: string, seq: number, at: string, agentId: string | null, action: string, subjectRef: string | null, detailsJson: string): string {
  return oneShotHash('sha256', JSON.stringify([prevHash, seq, at, agentId, action, subjectRef, detailsJson]), 'hex');
}

type RawRow = [number, string, string | null, string, string | null, string, string, string];

export class AuditLog {
  private readonly appendAlone: (input: AuditEntryInput) => AuditEntry;

  constructor(private readonly db: Db, private readonly clock: Clock = systemClock) {
    // Made once: better-sqlite3 transaction functions are costly to create per call.
    this.appendAlone = db.transaction((input: AuditEntryInput) => this.appendInTransaction(input));
  }

  head(): { seq: number; hash: string } | null {
    const row = stmt(this.db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
    return row ?? null;
  }

  /** Appends one entry. Joins the caller's transaction, or runs in its own. */
  append(input: AuditEntryInput): AuditEntry {
    if (this.db.inTransaction) return this.appendInTransaction(input);
    try {
      return this.appendAlone(input);
    } catch (e) {
      throw translateSqliteError(e, 'write the audit log');
    }
  }

  private appendInTransaction(input: AuditEntryInput): AuditEntry {
    const head = this.head();
    const seq = (head?.seq ?? 0) + 1;
    const prevHash = head?.hash ?? GENESIS_HASH;
    const at = iso(this.clock());
    const detailsJson = sanitiseDetails(input.details);
    const agentId = input.agentId ?? null;
    const subjectRef = input.subjectRef ?? null;
    const hash = entryHash(prevHash, seq, at, agentId, input.action, subjectRef, detailsJson);
    stmt(this.db, 'INSERT INTO audit_log (seq, at, agent_id, action, subject_ref, details_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(seq, at, agentId, input.action, subjectRef, detailsJson, prevHash, hash);
    return { seq, at, agentId, action: input.action, subjectRef, details: JSON.parse(detailsJson) as Record<string, unknown>, prevHash, hash };
  }

  /** Entries after `afterSeq` in order (the sync engine ships them in batches). */
  list(options: { afterSeq?: number; limit?: number; subjectRef?: string } = {}): AuditEntry[] {
    const rows = (options.subjectRef
      ? stmt(this.db, 'SELECT * FROM audit_log WHERE subject_ref = ? AND seq > ? ORDER BY seq LIMIT ?').raw(true).all(options.subjectRef, options.afterSeq ?? 0, options.limit ?? 1000)
      : stmt(this.db, 'SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?').raw(true).all(options.afterSeq ?? 0, options.limit ?? 1000)) as RawRow[];
    return rows.map(([seq, at, agentId, action, subjectRef, detailsJson, prevHash, hash]) => ({
      seq, at, agentId, action, subjectRef, details: JSON.parse(detailsJson) as Record<string, unknown>, prevHash, hash,
    }));
  }

  count(): number {
    return stmt(this.db, 'SELECT count(*) FROM audit_log').pluck(true).get() as number;
  }

  /**
   * Walks the whole chain and names the first broken entry. `expectedHead`
   * (e.g. the last hash the server acknowledged) also catches a truncated tail.
   */
  verify(expectedHead?: { seq: number; hash: string }): AuditVerification {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let checked = 0;
    const it = this.db.prepare('SELECT seq, at, agent_id, action, subject_ref, details_json, prev_hash, hash FROM audit_log ORDER BY seq').raw(true).iterate() as IterableIterator<RawRow>;
    for (const [seq, at, agentId, action, subjectRef, detailsJson, storedPrev, hash] of it) {
      const broken = (reason: 'hash_mismatch' | 'link_mismatch' | 'missing_entry', message: string, at: number): AuditVerification => {
        it.return?.();
        return { ok: false, checked, firstBroken: { seq: at, reason, message } };
      };
      if (seq !== expectedSeq) return broken('missing_entry', `entry ${expectedSeq} is missing (next entry is ${seq})`, expectedSeq);
      const own = entryHash(storedPrev, seq, at, agentId, action, subjectRef, detailsJson);
      if (storedPrev !== prevHash) {
        // This entry is self-consistent, so the hash it recorded is the original one of the entry
        // before: that entry was rewritten with a recomputed hash.
        if (own === hash) return broken('hash_mismatch', `entry ${seq - 1} was altered and re-hashed after it was written`, seq - 1);
        return broken('link_mismatch', `entry ${seq} was altered: it no longer links to entry ${seq - 1}`, seq);
      }
      if (own !== hash) return broken('hash_mismatch', `entry ${seq} was altered after it was written`, seq);
      prevHash = hash;
      expectedSeq++;
      checked++;
    }
    const last = checked > 0 ? { seq: expectedSeq - 1, hash: prevHash } : null;
    if (expectedHead && (!last || last.seq < expectedHead.seq)) {
      return { ok: false, checked, firstBroken: { seq: (last?.seq ?? 0) + 1, reason: 'missing_entry', message: `the log ends at entry ${last?.seq ?? 0} but entry ${expectedHead.seq} was acknowledged` } };
    }
    if (expectedHead && this.db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck(true).get(expectedHead.seq) !== expectedHead.hash) {
      return { ok: false, checked, firstBroken: { seq: expectedHead.seq, reason: 'head_mismatch', message: `entry ${expectedHead.seq} differs from the copy already acknowledged` } };
    }
    return { ok: true, checked, head: last };
  }
}
