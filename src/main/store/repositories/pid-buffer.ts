/**
 * Buffered PID blocks (biometric capture while the central API is briefly
 * unreachable). The block is already encrypted for UIDAI by the RD service;
 * it is kept only until it is sent (take() deletes it) or its short TTL runs
 * out (RetentionService purges it). Never written anywhere else.
 */
import { randomUUID } from 'node:crypto';
import { addMs, iso, systemClock, type Clock } from '../clock';
import type { Db } from '../database';
import { stmt } from '../rows';

export class PidBufferRepository {
  constructor(private readonly db: Db, private readonly ttlMs: number, private readonly clock: Clock = systemClock) {}

  put(sessionId: string, encryptedPid: Buffer): { id: string; expiresAt: string } {
    const id = randomUUID();
    const now = this.clock();
    const expiresAt = iso(addMs(now, this.ttlMs));
    stmt(this.db, 'INSERT INTO pid_buffer (id, session_id, encrypted_pid, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(id, sessionId, encryptedPid, iso(now), expiresAt);
    return { id, expiresAt };
  }

  /** Removes and returns the block for sending; null when gone or expired. */
  take(id: string): Buffer | null {
    return this.db.transaction(() => {
      const row = stmt(this.db, 'SELECT encrypted_pid, expires_at FROM pid_buffer WHERE id = ?').get(id) as { encrypted_pid: Buffer; expires_at: string } | undefined;
      stmt(this.db, 'DELETE FROM pid_buffer WHERE id = ?').run(id);
      return row && row.expires_at > iso(this.clock()) ? row.encrypted_pid : null;
    })();
  }

  count(): number {
    return stmt(this.db, 'SELECT count(*) FROM pid_buffer').pluck(true).get() as number;
  }
}
