/**
 * Applies one validated outbox item to the seed schema, inside the batch's
 * transaction. Personal data goes through the field cipher; nothing here logs.
 */
import { createHash } from 'node:crypto';
import type {
  AmlAssessmentPayload, ApiRequestPayload, AuditEntryPayload, KycRecordPayload,
} from '../../../src/shared/sync/items';
import type { FieldCipher } from '../crypto/fields';
import type { Queryable } from '../db/database';
import { HttpError } from '../auth/errors';

/** Stable UUIDs for kiosk ids, per device: a re-sent record lands on the same rows. */
function uuidFor(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const KYC_METHOD = { otp: 'otp', biometric: 'biometric', qr: 'offline_qr', xml: 'offline_xml' } as const;
const KYC_STATUS = { pending: 'pending', approved: 'verified', rejected: 'rejected', expired: 'expired' } as const;
const RISK = { LOW: 'low', MEDIUM: 'medium', HIGH: 'high', CRITICAL: 'high' } as const;
const VERIFICATION_STATUS = { initiated: 'pending', otp_sent: 'pending', verified: 'verified', failed: 'failed', expired: 'expired' } as const;
const RISK_ORDER = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;

/** One onboarding (the kiosk store's record with its verification and AML rows) into the seed schema. */
export async function applyKycRecord(tx: Queryable, deviceId: string, p: KycRecordPayload, cipher: FieldCipher): Promise<void> {
  const r = p.record;
  const userId = uuidFor('user', deviceId, r.aadhaarKeyedHash ?? r.id);
  const kycId = uuidFor('kyc', deviceId, r.id);
  const verifiedAt = p.verifications.find((v) => v.verificationStatus === 'verified')?.verifiedAt ?? null;
  const worst = p.amlAssessments.reduce<(typeof RISK_ORDER)[number] | null>(
    (w, a) => (w === null || RISK_ORDER.indexOf(a.riskLevel) > RISK_ORDER.indexOf(w) ? a.riskLevel : w), null);
  await tx.query('INSERT INTO users (id) VALUES ($1) ON CONFLICT (id) DO UPDATE SET updated_at = now()', [userId]);
  await tx.query(
    `INSERT INTO user_profiles (user_id, full_name_enc, dob_enc, gender, aadhaar_last4, aadhaar_ref, aadhaar_verified, aadhaar_verified_at, kyc_status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (user_id) DO UPDATE SET full_name_enc = EXCLUDED.full_name_enc, dob_enc = COALESCE(EXCLUDED.dob_enc, user_profiles.dob_enc),
       gender = COALESCE(EXCLUDED.gender, user_profiles.gender), aadhaar_last4 = COALESCE(EXCLUDED.aadhaar_last4, user_profiles.aadhaar_last4),
       aadhaar_ref = COALESCE(EXCLUDED.aadhaar_ref, user_profiles.aadhaar_ref),
       aadhaar_verified = user_profiles.aadhaar_verified OR EXCLUDED.aadhaar_verified,
       aadhaar_verified_at = COALESCE(user_profiles.aadhaar_verified_at, EXCLUDED.aadhaar_verified_at),
       kyc_status = EXCLUDED.kyc_status, updated_at = now()`,
    [userId, cipher.encrypt(r.customerName ?? ''), cipher.encryptOptional(r.dateOfBirth ?? undefined), r.gender ?? null, r.aadhaarLast4 ?? null,
      r.aadhaarVaultRef ?? null, verifiedAt !== null, verifiedAt, KYC_STATUS[r.status]],
  );
  // One round trip: the upsert also reports the status the record had before it.
  const upserted = await tx.query<{ from_status: string | null }>(
    `WITH before AS (SELECT status FROM kyc WHERE id = $1)
     INSERT INTO kyc (id, user_id, device_id, branch_id, agent_id, method, status, risk_level, decision_reason, decided_at, captured_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, risk_level = EXCLUDED.risk_level,
       decision_reason = EXCLUDED.decision_reason, decided_at = EXCLUDED.decided_at, updated_at = now()
     RETURNING (SELECT status FROM before) AS from_status`,
    [kycId, userId, deviceId, r.branchId, r.agentId, KYC_METHOD[r.method], KYC_STATUS[r.status], worst ? RISK[worst] : null,
      r.statusReason ?? null, r.verifiedAt ?? null, r.submittedAt],
  );
  const fromStatus = upserted.rows[0]?.from_status ?? null;
  if (fromStatus !== KYC_STATUS[r.status]) {
    await tx.query('INSERT INTO kyc_logs (kyc_id, from_status, to_status, actor) VALUES ($1, $2, $3, $4)', [kycId, fromStatus, KYC_STATUS[r.status], r.agentId]);
  }
  for (const v of p.verifications) {
    const last4 = v.aadhaarMasked?.slice(-4) ?? r.aadhaarLast4;
    if (!last4) throw new HttpError(422, 'E_SYNC_INVALID', `verifications.${v.id}: no masked Aadhaar number or last 4 digits.`);
    await tx.query(
      `INSERT INTO aadhaar_verifications (id, user_id, kyc_id, device_id, method, aadhaar_last4, aadhaar_ref, name_enc, dob_enc, gender, address_enc,
         photo_hash, provider, provider_txn_id, status, error_code, consent_ref, attempt_count, verified_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, error_code = EXCLUDED.error_code, attempt_count = EXCLUDED.attempt_count,
         verified_at = EXCLUDED.verified_at, updated_at = now()`,
      [uuidFor('verification', deviceId, v.id), userId, kycId, deviceId, KYC_METHOD[v.method], last4, v.aadhaarVaultRef ?? r.aadhaarVaultRef ?? 'none',
        cipher.encryptOptional(r.customerName ?? undefined), cipher.encryptOptional(r.dateOfBirth ?? undefined), r.gender ?? null,
        v.address ? cipher.encrypt(JSON.stringify(v.address)) : null, v.photoRef ?? null, null, v.transactionId,
        VERIFICATION_STATUS[v.verificationStatus], v.failureReason ?? null, p.consents[0]?.id ?? 'none', v.attempts, v.verifiedAt ?? null, v.createdAt],
    );
  }
  for (const a of p.amlAssessments) {
    await tx.query(
      `INSERT INTO aml_assessments (id, kyc_id, user_id, list_version, risk_score, risk_level, hits, decision, assessed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
      [uuidFor('aml', deviceId, a.id), kycId, userId, JSON.stringify(a.listVersions ?? {}).slice(0, 500), a.riskScore, RISK[a.riskLevel],
        JSON.stringify(a.matches ?? []), a.riskLevel === 'LOW' ? 'clear' : a.riskLevel === 'CRITICAL' ? 'block' : 'review', a.screenedAt],
    );
  }
}

export async function applyAmlAssessment(tx: Queryable, deviceId: string, p: AmlAssessmentPayload): Promise<void> {
  const kycId = uuidFor('kyc', deviceId, p.kycRecordId);
  const a = p.assessment;
  // One round trip: insert from the KYC row itself, so a missing record inserts nothing and says so.
  const inserted = await tx.query<{ found: boolean }>(
    `WITH k AS (SELECT id, user_id FROM kyc WHERE id = $2::uuid),
          ins AS (INSERT INTO aml_assessments (id, kyc_id, user_id, list_version, risk_score, risk_level, hits, decision, assessed_at)
                  SELECT $1, k.id, k.user_id, $3, $4, $5, $6, $7, $8 FROM k ON CONFLICT (id) DO NOTHING RETURNING 1)
     SELECT EXISTS (SELECT 1 FROM k) AS found`,
    [uuidFor('aml', deviceId, a.id), kycId, JSON.stringify(a.listVersions ?? {}).slice(0, 500), a.riskScore, RISK[a.riskLevel],
      JSON.stringify(a.matches ?? []), a.riskLevel === 'LOW' ? 'clear' : a.riskLevel === 'CRITICAL' ? 'block' : 'review', a.screenedAt],
  );
  if (!inserted.rows[0]?.found) throw new HttpError(422, 'E_SYNC_UNKNOWN_KYC', 'The assessment refers to a KYC record the server does not have.');
}

/** Provider request logs; a kycId (a kiosk record id) links when the server has that record. */
export async function applyApiRequest(tx: Queryable, deviceId: string, p: ApiRequestPayload): Promise<void> {
  // A log row may arrive for a KYC the server has not seen (sync order is per record); keep the log, drop the link.
  const linked = p.kycId ? uuidFor('kyc', deviceId, p.kycId) : null;
  await tx.query(
    `INSERT INTO api_requests (id, device_id, kyc_id, provider, endpoint, method, status_code, duration_ms, error_code, requested_at)
     VALUES ($1, $2, (SELECT id FROM kyc WHERE id = $3::uuid), $4, $5, $6, $7, $8, $9, $10)`,
    [uuidFor('api', deviceId, p.requestId), deviceId, linked, p.provider, p.endpoint, p.method, p.statusCode, p.durationMs, p.errorCode ?? null, p.requestedAt],
  );
}

export async function applyAuditEntry(tx: Queryable, deviceId: string, p: AuditEntryPayload): Promise<void> {
  await tx.query(
    `INSERT INTO audit_entries (device_id, seq, prev_hash, hash, event, actor, entity_ref, details, occurred_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [deviceId, p.seq, p.prevHash, p.hash, p.action, p.agentId ?? 'system', p.subjectRef, JSON.stringify(p.details), p.at],
  );
}
