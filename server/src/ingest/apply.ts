/**
 * The per-item writer: applies one validated outbox item to the seed schema
 * with its own statements, inside the batch's transaction. Ingestion uses it
 * when the one-statement bulk writer cannot (a record repeated within a batch)
 * or when a constraint must be pinned on one item. Rows come from rows.ts, so
 * both writers store the same values; nothing here logs.
 */
import type { AmlAssessmentPayload, ApiRequestPayload, KycRecordPayload } from '../../../src/shared/sync/items';
import type { FieldCipher } from '../crypto/fields';
import type { Queryable } from '../db/database';
import { HttpError } from '../auth/errors';
import { amlAssessmentRow, apiRequestRow, kycRecordRows } from './rows';

/** One onboarding (the kiosk store's record with its verification and AML rows) into the seed schema. */
export async function applyKycRecord(tx: Queryable, deviceId: string, p: KycRecordPayload, cipher: FieldCipher): Promise<void> {
  const { profile: u, kyc: k, verifications, aml } = kycRecordRows(deviceId, p, cipher);
  await tx.query('INSERT INTO users (id) VALUES ($1) ON CONFLICT (id) DO UPDATE SET updated_at = now()', [u.user_id]);
  await tx.query(
    `INSERT INTO user_profiles (user_id, full_name_enc, dob_enc, gender, aadhaar_last4, aadhaar_ref, aadhaar_verified, aadhaar_verified_at, kyc_status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (user_id) DO UPDATE SET ${PROFILE_UPSERT}`,
    [u.user_id, u.full_name_enc, u.dob_enc, u.gender, u.aadhaar_last4, u.aadhaar_ref, u.aadhaar_verified, u.aadhaar_verified_at, u.kyc_status],
  );
  // One round trip: the upsert also reports the status the record had before it.
  const upserted = await tx.query<{ from_status: string | null }>(
    `WITH before AS (SELECT status FROM kyc WHERE id = $1)
     INSERT INTO kyc (id, user_id, device_id, branch_id, agent_id, method, status, risk_level, decision_reason, decided_at, captured_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (id) DO UPDATE SET ${KYC_UPSERT}
     RETURNING (SELECT status FROM before) AS from_status`,
    [k.id, k.user_id, k.device_id, k.branch_id, k.agent_id, k.method, k.status, k.risk_level, k.decision_reason, k.decided_at, k.captured_at],
  );
  const fromStatus = upserted.rows[0]?.from_status ?? null;
  if (fromStatus !== k.status) {
    await tx.query('INSERT INTO kyc_logs (kyc_id, from_status, to_status, actor) VALUES ($1, $2, $3, $4)', [k.id, fromStatus, k.status, k.agent_id]);
  }
  for (const v of verifications) {
    await tx.query(
      `INSERT INTO aadhaar_verifications (id, user_id, kyc_id, device_id, method, aadhaar_last4, aadhaar_ref, name_enc, dob_enc, gender, address_enc,
         photo_hash, provider, provider_txn_id, status, error_code, consent_ref, attempt_count, verified_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
       ON CONFLICT (id) DO UPDATE SET ${VERIFICATION_UPSERT}`,
      [v.id, v.user_id, v.kyc_id, v.device_id, v.method, v.aadhaar_last4, v.aadhaar_ref, v.name_enc, v.dob_enc, v.gender, v.address_enc, v.photo_hash,
        v.provider, v.provider_txn_id, v.status, v.error_code, v.consent_ref, v.attempt_count, v.verified_at, v.created_at],
    );
  }
  for (const a of aml) {
    await tx.query(
      `INSERT INTO aml_assessments (id, kyc_id, user_id, list_version, risk_score, risk_level, hits, decision, assessed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
      [a.id, a.kyc_id, a.user_id, a.list_version, a.risk_score, a.risk_level, a.hits, a.decision, a.assessed_at],
    );
  }
}

export async function applyAmlAssessment(tx: Queryable, deviceId: string, p: AmlAssessmentPayload): Promise<void> {
  const a = amlAssessmentRow(deviceId, p);
  // One round trip: insert from the KYC row itself, so a missing record inserts nothing and says so.
  const inserted = await tx.query<{ found: boolean }>(
    `WITH k AS (SELECT id, user_id FROM kyc WHERE id = $2::uuid),
          ins AS (INSERT INTO aml_assessments (id, kyc_id, user_id, list_version, risk_score, risk_level, hits, decision, assessed_at)
                  SELECT $1, k.id, k.user_id, $3, $4, $5, $6, $7, $8 FROM k ON CONFLICT (id) DO NOTHING RETURNING 1)
     SELECT EXISTS (SELECT 1 FROM k) AS found`,
    [a.id, a.kyc_id, a.list_version, a.risk_score, a.risk_level, a.hits, a.decision, a.assessed_at],
  );
  if (!inserted.rows[0]?.found) throw new HttpError(422, 'E_SYNC_UNKNOWN_KYC', 'The assessment refers to a KYC record the server does not have.');
}

/** Provider request logs; a kycId (a kiosk record id) links when the server has that record. */
export async function applyApiRequest(tx: Queryable, deviceId: string, p: ApiRequestPayload): Promise<void> {
  const q = apiRequestRow(deviceId, p);
  // A log row may arrive for a KYC the server has not seen (sync order is per record); keep the log, drop the link.
  await tx.query(
    `INSERT INTO api_requests (id, device_id, kyc_id, provider, endpoint, method, status_code, duration_ms, error_code, requested_at)
     VALUES ($1, $2, (SELECT id FROM kyc WHERE id = $3::uuid), $4, $5, $6, $7, $8, $9, $10)`,
    [q.id, q.device_id, q.kyc_id, q.provider, q.endpoint, q.method, q.status_code, q.duration_ms, q.error_code, q.requested_at],
  );
}

/** How a re-sent record updates what the server holds (shared with the bulk writer). */
export const PROFILE_UPSERT = `full_name_enc = EXCLUDED.full_name_enc, dob_enc = COALESCE(EXCLUDED.dob_enc, user_profiles.dob_enc),
       gender = COALESCE(EXCLUDED.gender, user_profiles.gender), aadhaar_last4 = COALESCE(EXCLUDED.aadhaar_last4, user_profiles.aadhaar_last4),
       aadhaar_ref = COALESCE(EXCLUDED.aadhaar_ref, user_profiles.aadhaar_ref),
       aadhaar_verified = user_profiles.aadhaar_verified OR EXCLUDED.aadhaar_verified,
       aadhaar_verified_at = COALESCE(user_profiles.aadhaar_verified_at, EXCLUDED.aadhaar_verified_at),
       kyc_status = EXCLUDED.kyc_status, updated_at = now()`;
export const KYC_UPSERT = `status = EXCLUDED.status, risk_level = EXCLUDED.risk_level,
       decision_reason = EXCLUDED.decision_reason, decided_at = EXCLUDED.decided_at, updated_at = now()`;
export const VERIFICATION_UPSERT = `status = EXCLUDED.status, error_code = EXCLUDED.error_code, attempt_count = EXCLUDED.attempt_count,
         verified_at = EXCLUDED.verified_at, updated_at = now()`;
