/**
 * Applies one validated outbox item to the seed schema, inside the batch's
 * transaction. Personal data goes through the field cipher; nothing here logs.
 */
import type {
  AmlAssessmentPayload, ApiRequestPayload, AuditEntryPayload, KycRecordPayload,
} from '../../../src/shared/sync/items';
import type { FieldCipher } from '../crypto/fields';
import type { Queryable } from '../db/database';
import { HttpError } from '../auth/errors';

export async function applyKycRecord(tx: Queryable, deviceId: string, p: KycRecordPayload, cipher: FieldCipher): Promise<void> {
  const c = p.customer;
  await tx.query(
    `INSERT INTO users (id, mobile_enc, mobile_hash) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET mobile_enc = COALESCE(EXCLUDED.mobile_enc, users.mobile_enc),
       mobile_hash = COALESCE(EXCLUDED.mobile_hash, users.mobile_hash), updated_at = now()`,
    [p.customerId, cipher.encryptOptional(c.mobile), c.mobile ? cipher.lookupHash(c.mobile) : null],
  );
  const verified = p.verification?.status === 'verified';
  const profileStatus = p.status;
  await tx.query(
    `INSERT INTO user_profiles (user_id, full_name_enc, dob_enc, gender, address_enc, aadhaar_last4, aadhaar_ref, aadhaar_verified, aadhaar_verified_at, kyc_status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (user_id) DO UPDATE SET full_name_enc = EXCLUDED.full_name_enc, dob_enc = EXCLUDED.dob_enc, gender = EXCLUDED.gender,
       address_enc = EXCLUDED.address_enc, aadhaar_last4 = EXCLUDED.aadhaar_last4, aadhaar_ref = EXCLUDED.aadhaar_ref,
       aadhaar_verified = user_profiles.aadhaar_verified OR EXCLUDED.aadhaar_verified,
       aadhaar_verified_at = COALESCE(user_profiles.aadhaar_verified_at, EXCLUDED.aadhaar_verified_at),
       kyc_status = EXCLUDED.kyc_status, updated_at = now()`,
    [p.customerId, cipher.encrypt(c.fullName), cipher.encryptOptional(c.dob), c.gender ?? null, cipher.encryptOptional(c.address),
      c.aadhaarLast4, c.aadhaarRef, verified, verified ? p.verification?.verifiedAt : null, profileStatus],
  );
  const before = await tx.query<{ status: string }>('SELECT status FROM kyc WHERE id = $1', [p.kycId]);
  const fromStatus = before.rows[0]?.status ?? null;
  await tx.query(
    `INSERT INTO kyc (id, user_id, device_id, branch_id, agent_id, method, status, risk_level, decision_reason, decided_at, captured_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, risk_level = EXCLUDED.risk_level,
       decision_reason = EXCLUDED.decision_reason, decided_at = EXCLUDED.decided_at, updated_at = now()`,
    [p.kycId, p.customerId, deviceId, p.branchId, p.agentId, p.method, p.status, p.riskLevel ?? null, p.decisionReason ?? null, p.decidedAt ?? null, p.capturedAt],
  );
  if (fromStatus !== p.status) {
    await tx.query('INSERT INTO kyc_logs (kyc_id, from_status, to_status, actor) VALUES ($1, $2, $3, $4)', [p.kycId, fromStatus, p.status, p.agentId]);
  }
  const v = p.verification;
  if (v) {
    await tx.query(
      `INSERT INTO aadhaar_verifications (id, user_id, kyc_id, device_id, method, aadhaar_last4, aadhaar_ref, name_enc, dob_enc, gender, address_enc,
         photo_hash, provider, provider_txn_id, status, error_code, consent_ref, attempt_count, verified_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, error_code = EXCLUDED.error_code, attempt_count = EXCLUDED.attempt_count,
         verified_at = EXCLUDED.verified_at, updated_at = now()`,
      [v.verificationId, p.customerId, p.kycId, deviceId, v.method, c.aadhaarLast4, c.aadhaarRef, cipher.encrypt(c.fullName), cipher.encryptOptional(c.dob),
        c.gender ?? null, cipher.encryptOptional(c.address), v.photoHash ?? null, v.provider ?? null, v.providerTxnId ?? null, v.status,
        v.errorCode ?? null, v.consentRef, v.attemptCount, v.verifiedAt ?? null],
    );
  }
}

export async function applyAmlAssessment(tx: Queryable, p: AmlAssessmentPayload): Promise<void> {
  const kyc = await tx.query('SELECT 1 FROM kyc WHERE id = $1 AND user_id = $2', [p.kycId, p.customerId]);
  if (kyc.rowCount === 0) throw new HttpError(422, 'E_SYNC_UNKNOWN_KYC', 'The assessment refers to a KYC record the server does not have.');
  await tx.query(
    `INSERT INTO aml_assessments (id, kyc_id, user_id, list_version, risk_score, risk_level, hits, decision, assessed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [p.assessmentId, p.kycId, p.customerId, p.listVersion, p.riskScore, p.riskLevel, JSON.stringify(p.hits), p.decision, p.assessedAt],
  );
}

export async function applyApiRequest(tx: Queryable, deviceId: string, p: ApiRequestPayload): Promise<void> {
  // A log row may arrive for a KYC the server has not seen (sync order is per record); keep the log, drop the link.
  const kycId = p.kycId ? ((await tx.query('SELECT 1 FROM kyc WHERE id = $1', [p.kycId])).rowCount > 0 ? p.kycId : null) : null;
  await tx.query(
    `INSERT INTO api_requests (id, device_id, kyc_id, provider, endpoint, method, status_code, duration_ms, error_code, requested_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [p.requestId, deviceId, kycId, p.provider, p.endpoint, p.method, p.statusCode, p.durationMs, p.errorCode ?? null, p.requestedAt],
  );
}

export async function applyAuditEntry(tx: Queryable, deviceId: string, p: AuditEntryPayload): Promise<void> {
  await tx.query(
    `INSERT INTO audit_entries (device_id, seq, prev_hash, hash, event, actor, entity_ref, details, occurred_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [deviceId, p.seq, p.prevHash, p.hash, p.event, p.actor, p.entityRef ?? null, p.details ? JSON.stringify(p.details) : null, p.at],
  );
}
