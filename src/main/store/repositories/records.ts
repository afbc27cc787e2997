/**
 * Repositories for the record tables. Each method is one statement and joins
 * the caller's transaction; wrap related writes and their audit entries in
 * `store.transaction(...)`. Writes of a whole onboarding go through
 * OnboardingRepository.commit instead.
 */
import { KioskError } from '../../../shared/errors';
import { iso, systemClock, type Clock } from '../clock';
import type { Db } from '../database';
import { StoreErrorCode } from '../errors';
import { fromRow, insertRow, stmt, updateRow } from '../rows';
import type {
  AadhaarVerification, Agent, AmlAssessment, ApiRequest, Consent, KycRecord, KycStatus, NewAadhaarVerification, NewAgent,
  NewAmlAssessment, NewApiRequest, NewConsent, NewKycRecord, NewOtpAttempt, OtpAttempt,
} from './types';

function must<T>(row: unknown, what: string, id: unknown): T {
  if (row === undefined) throw new KioskError(StoreErrorCode.NOT_FOUND, `${what} ${String(id)} does not exist.`, { id: String(id) });
  return fromRow<T>(row);
}

export class AgentsRepository {
  constructor(private readonly db: Db, private readonly clock: Clock = systemClock) {}
  insert(agent: NewAgent): Agent {
    const now = iso(this.clock());
    insertRow(this.db, 'agents', { ...agent, createdAt: now, updatedAt: now });
    return this.get(agent.id);
  }
  get(id: string): Agent { return must(stmt(this.db, 'SELECT * FROM agents WHERE id = ?').get(id), 'Agent', id); }
  find(id: string): Agent | null { const r = stmt(this.db, 'SELECT * FROM agents WHERE id = ?').get(id); return r ? fromRow<Agent>(r) : null; }
  findByUsername(username: string): Agent | null { const r = stmt(this.db, 'SELECT * FROM agents WHERE username = ?').get(username); return r ? fromRow<Agent>(r) : null; }
  list(): Agent[] { return stmt(this.db, 'SELECT * FROM agents ORDER BY username').all().map((r) => fromRow<Agent>(r)); }
  update(id: string, changes: Partial<Omit<Agent, 'id' | 'createdAt' | 'updatedAt'>>): Agent {
    if (updateRow(this.db, 'agents', 'id', id, { ...changes, updatedAt: iso(this.clock()) }) === 0) throw new KioskError(StoreErrorCode.NOT_FOUND, `Agent ${id} does not exist.`, { id });
    return this.get(id);
  }
}

export class KycRecordsRepository {
  constructor(private readonly db: Db, private readonly clock: Clock = systemClock) {}
  insert(record: NewKycRecord): KycRecord {
    const now = iso(this.clock());
    insertRow(this.db, 'kyc_records', { ...record, createdAt: now, updatedAt: now });
    return this.get(record.id);
  }
  get(id: string): KycRecord { return must(stmt(this.db, 'SELECT * FROM kyc_records WHERE id = ?').get(id), 'KYC record', id); }
  find(id: string): KycRecord | null { const r = stmt(this.db, 'SELECT * FROM kyc_records WHERE id = ?').get(id); return r ? fromRow<KycRecord>(r) : null; }
  findByReference(reference: string): KycRecord | null { const r = stmt(this.db, 'SELECT * FROM kyc_records WHERE reference = ?').get(reference); return r ? fromRow<KycRecord>(r) : null; }
  listByStatus(status: KycStatus, limit = 100): KycRecord[] {
    return stmt(this.db, 'SELECT * FROM kyc_records WHERE status = ? ORDER BY submitted_at DESC LIMIT ?').all(status, limit).map((r) => fromRow<KycRecord>(r));
  }
  /** Earlier records for the same Aadhaar keyed hash (duplicate detection). */
  findByAadhaarHash(keyedHash: string): KycRecord[] {
    return stmt(this.db, 'SELECT * FROM kyc_records WHERE aadhaar_keyed_hash = ? ORDER BY submitted_at').all(keyedHash).map((r) => fromRow<KycRecord>(r));
  }
  setStatus(id: string, status: KycStatus, reason: string | null, verifiedAt?: string): KycRecord {
    updateRow(this.db, 'kyc_records', 'id', id, { status, statusReason: reason, ...(verifiedAt ? { verifiedAt } : {}), updatedAt: iso(this.clock()) });
    return this.get(id);
  }
  /** The central API has the record (the sync engine calls this when its outbox row is applied). */
  markServerConfirmed(id: string, at = this.clock()): void {
    stmt(this.db, 'UPDATE kyc_records SET server_confirmed_at = coalesce(server_confirmed_at, ?), updated_at = ? WHERE id = ?').run(iso(at), iso(this.clock()), id);
  }
  setLegalHold(id: string, hold: boolean, reason: string | null): KycRecord {
    updateRow(this.db, 'kyc_records', 'id', id, { legalHold: hold, legalHoldReason: hold ? reason : null, updatedAt: iso(this.clock()) });
    return this.get(id);
  }
}

export class AadhaarVerificationsRepository {
  constructor(private readonly db: Db, private readonly clock: Clock = systemClock) {}
  insert(v: NewAadhaarVerification): AadhaarVerification {
    const now = iso(this.clock());
    insertRow(this.db, 'aadhaar_verifications', { ...v, createdAt: now, updatedAt: now });
    return this.get(v.id);
  }
  get(id: string): AadhaarVerification { return must(stmt(this.db, 'SELECT * FROM aadhaar_verifications WHERE id = ?').get(id), 'Aadhaar verification', id); }
  findByTransaction(transactionId: string): AadhaarVerification | null {
    const r = stmt(this.db, 'SELECT * FROM aadhaar_verifications WHERE transaction_id = ?').get(transactionId);
    return r ? fromRow<AadhaarVerification>(r) : null;
  }
  listForRecord(kycRecordId: string): AadhaarVerification[] {
    return stmt(this.db, 'SELECT * FROM aadhaar_verifications WHERE kyc_record_id = ? ORDER BY created_at').all(kycRecordId).map((r) => fromRow<AadhaarVerification>(r));
  }
  update(id: string, changes: Partial<Omit<AadhaarVerification, 'id' | 'createdAt' | 'updatedAt'>>): AadhaarVerification {
    if (updateRow(this.db, 'aadhaar_verifications', 'id', id, { ...changes, updatedAt: iso(this.clock()) }) === 0) throw new KioskError(StoreErrorCode.NOT_FOUND, `Aadhaar verification ${id} does not exist.`, { id });
    return this.get(id);
  }
}

export class OtpAttemptsRepository {
  constructor(private readonly db: Db, private readonly clock: Clock = systemClock) {}
  /** Records an attempt. There is no OTP field: the OTP is never stored. */
  insert(a: NewOtpAttempt): OtpAttempt {
    const info = insertRow(this.db, 'otp_attempts', { ...a, createdAt: iso(this.clock()) });
    return fromRow<OtpAttempt>(stmt(this.db, 'SELECT * FROM otp_attempts WHERE id = ?').get(info.lastInsertRowid));
  }
  listForVerification(verificationId: string): OtpAttempt[] {
    return stmt(this.db, 'SELECT * FROM otp_attempts WHERE verification_id = ? ORDER BY attempt_number').all(verificationId).map((r) => fromRow<OtpAttempt>(r));
  }
  /** OTP requests for one Aadhaar keyed hash since `since` (the 5 per 15 minutes rule). */
  countForHashSince(keyedHash: string, since: Date): number {
    return stmt(this.db, `SELECT count(*) FROM otp_attempts WHERE aadhaar_keyed_hash = ? AND created_at >= ? AND status IN ('requested', 'sent')`).pluck(true).get(keyedHash, iso(since)) as number;
  }
  countForAgentSince(agentId: string, since: Date): number {
    return stmt(this.db, `SELECT count(*) FROM otp_attempts WHERE agent_id = ? AND created_at >= ? AND status IN ('requested', 'sent')`).pluck(true).get(agentId, iso(since)) as number;
  }
}

export class AmlAssessmentsRepository {
  constructor(private readonly db: Db, private readonly clock: Clock = systemClock) {}
  insert(a: NewAmlAssessment): AmlAssessment {
    insertRow(this.db, 'aml_assessments', { ...a, createdAt: iso(this.clock()) });
    return this.get(a.id);
  }
  get(id: string): AmlAssessment { return must(stmt(this.db, 'SELECT * FROM aml_assessments WHERE id = ?').get(id), 'AML assessment', id); }
  latestForSubject(subjectRef: string): AmlAssessment | null {
    const r = stmt(this.db, 'SELECT * FROM aml_assessments WHERE subject_ref = ? ORDER BY screened_at DESC LIMIT 1').get(subjectRef);
    return r ? fromRow<AmlAssessment>(r) : null;
  }
  listForRecord(kycRecordId: string): AmlAssessment[] {
    return stmt(this.db, 'SELECT * FROM aml_assessments WHERE kyc_record_id = ? ORDER BY screened_at').all(kycRecordId).map((r) => fromRow<AmlAssessment>(r));
  }
  dueForReview(asOf: Date, limit = 100): AmlAssessment[] {
    return stmt(this.db, 'SELECT * FROM aml_assessments WHERE next_review_at <= ? ORDER BY next_review_at LIMIT ?').all(iso(asOf), limit).map((r) => fromRow<AmlAssessment>(r));
  }
  dispose(id: string, disposition: string, by: string): AmlAssessment {
    updateRow(this.db, 'aml_assessments', 'id', id, { disposition, disposedBy: by, disposedAt: iso(this.clock()) });
    return this.get(id);
  }
}

export class ApiRequestsRepository {
  constructor(private readonly db: Db, private readonly clock: Clock = systemClock) {}
  insert(r: NewApiRequest): ApiRequest {
    insertRow(this.db, 'api_requests', { ...r, createdAt: iso(this.clock()) });
    return this.get(r.id);
  }
  get(id: string): ApiRequest { return must(stmt(this.db, 'SELECT * FROM api_requests WHERE id = ?').get(id), 'API request', id); }
  complete(id: string, result: Pick<ApiRequest, 'status'> & Partial<Pick<ApiRequest, 'httpStatus' | 'latencyMs' | 'retries' | 'errorCode' | 'errorMessage'>>): ApiRequest {
    updateRow(this.db, 'api_requests', 'id', id, { ...result, completedAt: iso(this.clock()) });
    return this.get(id);
  }
  listForRecord(kycRecordId: string): ApiRequest[] {
    return stmt(this.db, 'SELECT * FROM api_requests WHERE kyc_record_id = ? ORDER BY created_at').all(kycRecordId).map((r) => fromRow<ApiRequest>(r));
  }
}

export class ConsentsRepository {
  constructor(private readonly db: Db, private readonly clock: Clock = systemClock) {}
  insert(c: NewConsent): Consent {
    insertRow(this.db, 'consents', c);
    return this.get(c.id);
  }
  get(id: string): Consent { return must(stmt(this.db, 'SELECT * FROM consents WHERE id = ?').get(id), 'Consent', id); }
  listForSession(sessionId: string): Consent[] {
    return stmt(this.db, 'SELECT * FROM consents WHERE session_id = ? ORDER BY given_at').all(sessionId).map((r) => fromRow<Consent>(r));
  }
  listForRecord(kycRecordId: string): Consent[] {
    return stmt(this.db, 'SELECT * FROM consents WHERE kyc_record_id = ? ORDER BY given_at').all(kycRecordId).map((r) => fromRow<Consent>(r));
  }
  /** Ties a session's consents to the record once it exists. */
  attachToRecord(sessionId: string, kycRecordId: string): number {
    return stmt(this.db, 'UPDATE consents SET kyc_record_id = ? WHERE session_id = ? AND kyc_record_id IS NULL').run(kycRecordId, sessionId).changes;
  }
  withdraw(id: string): Consent {
    stmt(this.db, 'UPDATE consents SET withdrawn_at = coalesce(withdrawn_at, ?) WHERE id = ?').run(iso(this.clock()), id);
    return this.get(id);
  }
}
