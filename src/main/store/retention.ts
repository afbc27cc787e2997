/**
 * Retention: a policy per record class, applied by `run()` (the host runs it
 * at start and then periodically). The kiosk is not the system of record: once
 * the server has confirmed a KYC record, its personal data leaves the kiosk
 * after N days; what stays is audit metadata (ids, status, times, last 4
 * digits and the keyed hash). Legal holds block purge and erasure. Every
 * purge writes an audit entry. The audit log itself is never purged here.
 */
import { KioskError } from '../../shared/errors';
import type { AuditLog } from './audit/chain';
import { addMs, iso, systemClock, type Clock } from './clock';
import { inTransaction, type Db } from './database';
import { StoreErrorCode } from './errors';
import { stmt } from './rows';
import type { AadhaarVault } from './vault';

const DAY_MS = 86_400_000;

export interface RetentionPolicy {
  /** Days after server confirmation before a KYC record's personal data is purged from the kiosk. */
  kycPersonalDataDays: number;
  /** Seconds a buffered PID block may wait to be sent. */
  pidBufferTtlSeconds: number;
  /** Days OTP attempt rows are kept (rate limits and disputes; they never hold the OTP). */
  otpAttemptsDays: number;
  /** Days outbound API request logs are kept (Aadhaar authentication logs: 2 years live). */
  apiRequestsDays: number;
  /** Days an onboarding draft (`kyc_drafts`) may go without progress before it is treated as abandoned and deleted. */
  draftMaxAgeDays: number;
}

/** Defaults from reference/kyc-domain.md; the server keeps the long-term copies (KYC 5 years after closure). */
export const DEFAULT_RETENTION: RetentionPolicy = {
  kycPersonalDataDays: 7,
  pidBufferTtlSeconds: 120,
  otpAttemptsDays: 30,
  apiRequestsDays: 730,
  draftMaxAgeDays: 7,
};

export interface RetentionReport {
  kycRecordsPurged: number;
  kycRecordsHeld: number;
  pidBuffersPurged: number;
  otpAttemptsPurged: number;
  apiRequestsPurged: number;
  draftsPurged: number;
}

const SYSTEM = { agentId: 'system:retention', purpose: 'retention' };

export class RetentionService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly vault: AadhaarVault,
    readonly policy: RetentionPolicy,
    private readonly clock: Clock = systemClock,
  ) {}

  run(): RetentionReport {
    const now = this.clock();
    const cutoff = iso(addMs(now, -this.policy.kycPersonalDataDays * DAY_MS));
    const due = stmt(this.db, `SELECT id, legal_hold FROM kyc_records WHERE server_confirmed_at IS NOT NULL AND server_confirmed_at <= ? AND personal_data_purged_at IS NULL`).all(cutoff) as Array<{ id: string; legal_hold: number }>;
    let purged = 0;
    let held = 0;
    for (const r of due) {
      if (r.legal_hold) { held++; continue; }
      inTransaction(this.db, 'purge personal data', () => {
        this.purgePersonalData(r.id, now);
        this.audit.append({ action: 'retention.purge', agentId: SYSTEM.agentId, subjectRef: r.id, details: { class: 'kyc_record', rule: `${this.policy.kycPersonalDataDays} days after server confirmation` } });
      });
      purged++;
    }
    const pid = this.purgeWhere('pid_buffer', 'expires_at <= ?', iso(now), 'pid_buffer', `${this.policy.pidBufferTtlSeconds} s TTL`);
    const otp = this.purgeWhere('otp_attempts', 'created_at < ?', iso(addMs(now, -this.policy.otpAttemptsDays * DAY_MS)), 'otp_attempt', `${this.policy.otpAttemptsDays} days`);
    const api = this.purgeWhere('api_requests', 'created_at < ?', iso(addMs(now, -this.policy.apiRequestsDays * DAY_MS)), 'api_request', `${this.policy.apiRequestsDays} days`);
    const drafts = this.purgeAbandonedDrafts(now);
    return { kycRecordsPurged: purged, kycRecordsHeld: held, pidBuffersPurged: pid, otpAttemptsPurged: otp, apiRequestsPurged: api, draftsPurged: drafts };
  }

  /**
   * Drafts with no progress for `draftMaxAgeDays` are abandoned onboardings: each is deleted with
   * its own audit entry (subject: the case id, so the case's trail shows why it vanished).
   */
  private purgeAbandonedDrafts(now: Date): number {
    const rule = `${this.policy.draftMaxAgeDays} days without progress`;
    const cutoff = iso(addMs(now, -this.policy.draftMaxAgeDays * DAY_MS));
    const due = stmt(this.db, 'SELECT case_id, step FROM kyc_drafts WHERE updated_at < ?').all(cutoff) as Array<{ case_id: string; step: string }>;
    let purged = 0;
    for (const d of due) {
      inTransaction(this.db, 'purge an abandoned draft', () => {
        // Re-checked inside the transaction: the case may have moved on since the select.
        if (stmt(this.db, 'DELETE FROM kyc_drafts WHERE case_id = ? AND updated_at < ?').run(d.case_id, cutoff).changes === 0) return;
        this.audit.append({ action: 'retention.purge', agentId: SYSTEM.agentId, subjectRef: d.case_id, details: { class: 'kyc_draft', step: d.step, rule } });
        purged++;
      });
    }
    return purged;
  }

  /** Deletes the rows of a log-like class past its age, with one audit entry for the batch. */
  private purgeWhere(table: string, where: string, bound: string, cls: string, rule: string): number {
    return inTransaction(this.db, `purge ${cls} rows`, () => {
      const n = stmt(this.db, `DELETE FROM ${table} WHERE ${where}`).run(bound).changes;
      if (n > 0) this.audit.append({ action: 'retention.purge', agentId: SYSTEM.agentId, subjectRef: null, details: { class: cls, count: n, rule } });
      return n;
    });
  }

  /**
   * A customer's erasure request (DPDP). Refused while a legal hold applies
   * (PMLA/RBI/Aadhaar retention); the refusal is audited too. Rows still
   * waiting for the server are parked as rejected with the reason, never
   * dropped silently.
   */
  erase(recordId: string, request: { agentId: string; reason: string }): { erased: true; unsentOutboxRows: number } {
    const row = stmt(this.db, 'SELECT legal_hold, legal_hold_reason FROM kyc_records WHERE id = ?').get(recordId) as { legal_hold: number; legal_hold_reason: string | null } | undefined;
    if (!row) throw new KioskError(StoreErrorCode.NOT_FOUND, `KYC record ${recordId} does not exist.`, { recordId });
    if (row.legal_hold) {
      this.audit.append({ action: 'retention.erasure.refused', agentId: request.agentId, subjectRef: recordId, details: { reason: request.reason, legalHold: row.legal_hold_reason ?? 'legal hold' } });
      throw new KioskError(StoreErrorCode.LEGAL_HOLD, `This record is under a legal hold (${row.legal_hold_reason ?? 'no reason given'}), so it cannot be erased. The request was recorded.`, { recordId });
    }
    return inTransaction(this.db, 'erase the record', () => {
      const now = this.clock();
      this.purgePersonalData(recordId, now);
      stmt(this.db, 'UPDATE kyc_records SET erased_at = ? WHERE id = ?').run(iso(now), recordId);
      const unsent = stmt(this.db, `UPDATE outbox SET state = 'rejected', lease_until = NULL, rejection_reason = 'erased on the kiosk at the customer''s request before it was sent', updated_at = ? WHERE record_id = ? AND state IN ('pending', 'sending')`).run(iso(now), recordId).changes;
      stmt(this.db, 'UPDATE outbox SET payload_json = NULL WHERE record_id = ?').run(recordId);
      this.audit.append({ action: 'retention.erase', agentId: request.agentId, subjectRef: recordId, details: { reason: request.reason, unsentOutboxRows: unsent } });
      return { erased: true as const, unsentOutboxRows: unsent };
    });
  }

  /** Clears a record's personal data (record, verifications, outbox payloads, vault entries no other live record uses). */
  private purgePersonalData(recordId: string, now: Date): void {
    const refs = new Set<string>();
    const recordRef = stmt(this.db, 'SELECT aadhaar_vault_ref FROM kyc_records WHERE id = ?').pluck(true).get(recordId) as string | null;
    if (recordRef) refs.add(recordRef);
    for (const ref of stmt(this.db, 'SELECT aadhaar_vault_ref FROM aadhaar_verifications WHERE kyc_record_id = ? AND aadhaar_vault_ref IS NOT NULL').pluck(true).all(recordId) as string[]) refs.add(ref);
    stmt(this.db, `UPDATE kyc_records SET customer_name = NULL, date_of_birth = NULL, gender = NULL, mobile_last4 = NULL, details_json = NULL,
      aadhaar_vault_ref = NULL, personal_data_purged_at = ?, updated_at = ? WHERE id = ?`).run(iso(now), iso(now), recordId);
    stmt(this.db, 'UPDATE aadhaar_verifications SET address_json = NULL, photo_ref = NULL, aadhaar_vault_ref = NULL, updated_at = ? WHERE kyc_record_id = ?').run(iso(now), recordId);
    stmt(this.db, 'UPDATE aml_assessments SET matches_json = NULL WHERE kyc_record_id = ?').run(recordId);
    stmt(this.db, `UPDATE outbox SET payload_json = NULL WHERE record_id = ? AND state IN ('applied', 'duplicate')`).run(recordId);
    for (const ref of refs) {
      const stillUsed = stmt(this.db, `SELECT (SELECT count(*) FROM kyc_records WHERE aadhaar_vault_ref = ?) + (SELECT count(*) FROM aadhaar_verifications WHERE aadhaar_vault_ref = ?)`).pluck(true).get(ref, ref) as number;
      if (stillUsed === 0) this.vault.remove(ref, SYSTEM);
    }
  }
}
