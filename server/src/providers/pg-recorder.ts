/**
 * The recorder over the seed schema: provider calls go to api_requests; OTP
 * sends and entries go to otp_attempts, under one aadhaar_verifications row per
 * OTP transaction (which needs a users row: the journey's customer, created
 * on first use with external_ref = "journey:<id>"). Stored per Aadhaar: last 4
 * digits and the keyed hash (aadhaar_ref). Never the number, VID or OTP.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import type { ApiRequestRecord, OtpAttemptRecord, VerificationRecorder } from './recorder';

const ATTEMPT_STATUS: Record<OtpAttemptRecord['status'], string | null> = {
  sent: 'sent', verified: 'verified', otp_invalid: 'failed', otp_expired: 'expired', locked: 'locked', error: 'failed', rate_limited: null,
};
const VERIFICATION_STATUS: Partial<Record<OtpAttemptRecord['status'], string>> = { verified: 'verified', otp_expired: 'expired', locked: 'failed' };

export class PgVerificationRecorder implements VerificationRecorder {
  constructor(private readonly db: Database) {}

  async apiRequest(r: ApiRequestRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO api_requests (id, device_id, provider, endpoint, method, status_code, duration_ms, error_code, requested_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [randomUUID(), r.deviceId ?? 'central-api', r.provider, r.endpoint, r.method, r.httpStatus ?? 0, r.latencyMs,
        r.outcome === 'ok' ? null : `${r.outcome}${r.retries ? `;retries=${r.retries}` : ''}`, r.at],
    );
  }

  async otpAttempt(r: OtpAttemptRecord): Promise<void> {
    const status = ATTEMPT_STATUS[r.status];
    if (status === null || r.txnId === null) return; // refused before any provider call: api_requests has it
    await this.db.transaction(async (tx) => {
      let verificationId: string | undefined;
      if (r.kind === 'request') {
        const ref = `journey:${r.journeyId ?? r.txnId}`;
        const user = await tx.query<{ id: string }>(
          `INSERT INTO users (id, external_ref) VALUES ($1, $2)
           ON CONFLICT (external_ref) DO UPDATE SET updated_at = now() RETURNING id`, [randomUUID(), ref]);
        verificationId = randomUUID();
        await tx.query(
          `INSERT INTO aadhaar_verifications (id, user_id, device_id, method, aadhaar_last4, aadhaar_ref, provider, provider_txn_id, status, consent_ref, attempt_count, expires_at)
           VALUES ($1, $2, $3, 'otp', $4, $5, $6, $7, 'pending', $8, 0, $9)`,
          [verificationId, user.rows[0]!.id, r.deviceId, r.last4, r.aadhaarHash, r.provider, r.txnId, r.consentRef ?? 'unknown', r.expiresAt ?? null]);
      } else {
        const v = await tx.query<{ id: string }>('SELECT id FROM aadhaar_verifications WHERE provider_txn_id = $1 AND provider = $2 ORDER BY created_at DESC LIMIT 1', [r.txnId, r.provider]);
        verificationId = v.rows[0]?.id;
        if (!verificationId) return;
        const next = VERIFICATION_STATUS[r.status];
        await tx.query(
          `UPDATE aadhaar_verifications SET attempt_count = attempt_count + 1, updated_at = now()
             ${next ? ', status = $2' : ''}${r.status === 'verified' ? ', verified_at = now()' : ''}
           WHERE id = $1`, next ? [verificationId, next] : [verificationId]);
      }
      await tx.query(
        `INSERT INTO otp_attempts (id, verification_id, txn_ref, attempt_no, status, error_code, device_id, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [randomUUID(), verificationId, r.txnId, Math.min(5, Math.max(1, r.attemptNumber)), status, r.failureReason ?? null, r.deviceId, r.expiresAt ?? new Date(Date.now() + 10 * 60_000)]);
    });
  }
}
