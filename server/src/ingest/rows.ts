/**
 * Outbox items mapped to rows of the seed schema, without touching the
 * database: both the one-batch bulk writer (bulk.ts) and the per-item writer
 * (apply.ts) use these, so the two paths store exactly the same values.
 * Personal data goes through the field cipher; nothing here logs.
 */
import { createHash } from 'node:crypto';
import type { AmlAssessmentPayload, ApiRequestPayload, KycRecordPayload } from '../../../src/shared/sync/items';
import type { FieldCipher } from '../crypto/fields';
import { HttpError } from '../auth/errors';

/** Stable UUIDs for kiosk ids, per device: a re-sent record lands on the same rows. */
export function uuidFor(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const kycIdFor = (deviceId: string, recordId: string) => uuidFor('kyc', deviceId, recordId);

const KYC_METHOD = { otp: 'otp', biometric: 'biometric', qr: 'offline_qr', xml: 'offline_xml', ovd: 'ovd' } as const;
const KYC_STATUS = { pending: 'pending', approved: 'verified', rejected: 'rejected', expired: 'expired' } as const;
const RISK = { LOW: 'low', MEDIUM: 'medium', HIGH: 'high', CRITICAL: 'high' } as const;
const VERIFICATION_STATUS = { initiated: 'pending', otp_sent: 'pending', verified: 'verified', failed: 'failed', expired: 'expired' } as const;
const RISK_ORDER = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;

export interface ProfileRow {
  user_id: string; full_name_enc: Buffer; dob_enc: Buffer | null; gender: string | null; aadhaar_last4: string | null;
  aadhaar_ref: string | null; aadhaar_verified: boolean; aadhaar_verified_at: string | null; kyc_status: string;
}
export interface KycRow {
  id: string; user_id: string; device_id: string; branch_id: string; agent_id: string; method: string; status: string;
  risk_level: string | null; decision_reason: string | null; decided_at: string | null; captured_at: string;
}
export interface VerificationRow {
  id: string; user_id: string; kyc_id: string; device_id: string; method: string; aadhaar_last4: string; aadhaar_ref: string;
  name_enc: Buffer | null; dob_enc: Buffer | null; gender: string | null; address_enc: Buffer | null; photo_hash: string | null;
  provider: string | null; provider_txn_id: string; status: string; error_code: string | null; consent_ref: string;
  attempt_count: number; verified_at: string | null; created_at: string;
}
export interface AmlRow {
  id: string; kyc_id: string; list_version: string; risk_score: number; risk_level: string; hits: string; decision: string; assessed_at: string;
}
export interface ApiRow {
  id: string; device_id: string; kyc_id: string | null; provider: string; endpoint: string; method: string; status_code: number;
  duration_ms: number; error_code: string | null; requested_at: string;
}

/** One onboarding's rows. Throws 422 before anything is written when a verification cannot be stored. */
export function kycRecordRows(deviceId: string, p: KycRecordPayload, cipher: FieldCipher): {
  profile: ProfileRow; kyc: KycRow; verifications: VerificationRow[]; aml: Array<AmlRow & { user_id: string }>;
} {
  const r = p.record;
  const userId = uuidFor('user', deviceId, r.aadhaarKeyedHash ?? r.id);
  const kycId = kycIdFor(deviceId, r.id);
  const verifiedAt = p.verifications.find((v) => v.verificationStatus === 'verified')?.verifiedAt ?? null;
  const worst = p.amlAssessments.reduce<(typeof RISK_ORDER)[number] | null>(
    (w, a) => (w === null || RISK_ORDER.indexOf(a.riskLevel) > RISK_ORDER.indexOf(w) ? a.riskLevel : w), null);
  const verifications = p.verifications.map((v): VerificationRow => {
    const last4 = v.aadhaarMasked?.slice(-4) ?? r.aadhaarLast4;
    if (!last4) throw new HttpError(422, 'E_SYNC_INVALID', `verifications.${v.id}: no masked Aadhaar number or last 4 digits.`);
    return {
      id: uuidFor('verification', deviceId, v.id), user_id: userId, kyc_id: kycId, device_id: deviceId, method: KYC_METHOD[v.method], aadhaar_last4: last4,
      aadhaar_ref: v.aadhaarVaultRef ?? r.aadhaarVaultRef ?? 'none', name_enc: cipher.encryptOptional(r.customerName ?? undefined),
      dob_enc: cipher.encryptOptional(r.dateOfBirth ?? undefined), gender: r.gender ?? null,
      address_enc: v.address ? cipher.encrypt(JSON.stringify(v.address)) : null, photo_hash: v.photoRef ?? null, provider: null,
      provider_txn_id: v.transactionId, status: VERIFICATION_STATUS[v.verificationStatus], error_code: v.failureReason ?? null,
      consent_ref: p.consents[0]?.id ?? 'none', attempt_count: v.attempts, verified_at: v.verifiedAt ?? null, created_at: v.createdAt,
    };
  });
  return {
    profile: {
      user_id: userId, full_name_enc: cipher.encrypt(r.customerName ?? ''), dob_enc: cipher.encryptOptional(r.dateOfBirth ?? undefined),
      gender: r.gender ?? null, aadhaar_last4: r.aadhaarLast4 ?? null, aadhaar_ref: r.aadhaarVaultRef ?? null,
      aadhaar_verified: verifiedAt !== null, aadhaar_verified_at: verifiedAt, kyc_status: KYC_STATUS[r.status],
    },
    kyc: {
      id: kycId, user_id: userId, device_id: deviceId, branch_id: r.branchId, agent_id: r.agentId, method: KYC_METHOD[r.method],
      status: KYC_STATUS[r.status], risk_level: worst ? RISK[worst] : null, decision_reason: r.statusReason ?? null,
      decided_at: r.verifiedAt ?? null, captured_at: r.submittedAt,
    },
    verifications,
    aml: p.amlAssessments.map((a) => ({ ...amlRow(deviceId, kycId, a), user_id: userId })),
  };
}

function amlRow(deviceId: string, kycId: string, a: AmlAssessmentPayload['assessment']): AmlRow {
  return {
    id: uuidFor('aml', deviceId, a.id), kyc_id: kycId, list_version: JSON.stringify(a.listVersions ?? {}).slice(0, 500), risk_score: a.riskScore,
    risk_level: RISK[a.riskLevel], hits: JSON.stringify(a.matches ?? []),
    decision: a.riskLevel === 'LOW' ? 'clear' : a.riskLevel === 'CRITICAL' ? 'block' : 'review', assessed_at: a.screenedAt,
  };
}

/** A re-screen's row; its user is the one the KYC row holds (the caller looks it up). */
export const amlAssessmentRow = (deviceId: string, p: AmlAssessmentPayload): AmlRow => amlRow(deviceId, kycIdFor(deviceId, p.kycRecordId), p.assessment);

/** A provider request log; `kyc_id` is the candidate link (kept only when the server has that record). */
export function apiRequestRow(deviceId: string, p: ApiRequestPayload): ApiRow {
  return {
    id: uuidFor('api', deviceId, p.requestId), device_id: deviceId, kyc_id: p.kycId ? kycIdFor(deviceId, p.kycId) : null, provider: p.provider,
    endpoint: p.endpoint, method: p.method, status_code: p.statusCode, duration_ms: p.durationMs, error_code: p.errorCode ?? null, requested_at: p.requestedAt,
  };
}
