/**
 * The bulk writer: a whole batch in one SQL statement. Items are checked and
 * mapped to rows in memory (rows.ts), then written with one data-modifying CTE
 * per table, fed from JSON arrays, together with the audit entries, the
 * idempotency keys and the chain head. A batch of 20 items costs one round trip
 * instead of ~35 (each round trip also wakes PostgreSQL, which on a busy host
 * was most of the time per batch).
 *
 * A statement may not upsert the same row twice: when an item repeats a
 * record, user, verification or log id already in the statement, the writer
 * raises `RepeatedInBatch` and ingestion flushes what it has and carries on
 * with a new statement (a record captured and decided within one backlog costs
 * one round trip more, not item-by-item writing). A constraint violation sends
 * the batch to the per-item writer (apply.ts), so the item to blame is found.
 */
import type { AmlAssessmentPayload, ApiRequestPayload, AuditEntryPayload, KycRecordPayload } from '../../../src/shared/sync/items';
import { HttpError } from '../auth/errors';
import type { FieldCipher } from '../crypto/fields';
import type { Queryable } from '../db/database';
import { KYC_UPSERT, PROFILE_UPSERT, VERIFICATION_UPSERT } from './apply';
import {
  amlAssessmentRow, apiRequestRow, kycRecordRows, type AmlRow, type ApiRow, type KycRow, type ProfileRow, type VerificationRow,
} from './rows';

export class RepeatedInBatch extends Error {
  constructor() {
    super('A row repeats within the batch; it is applied item by item.');
  }
}

/** What the server held before the batch for the KYC records it touches (read under the device lock). */
export type KnownKyc = Map<string, { status: string; userId: string }>;

export interface BatchTail {
  auditRows: AuditEntryPayload[];
  applied: Array<{ key: string; kind: string; seq: number; hash: string }>;
  head: { seq: number; hash: string; outboxSeq: number } | undefined;
  touchLastSeen: boolean;
}

const b64 = (b: Buffer | null) => (b === null ? null : b.toString('base64'));

const SQL = `
WITH profiles AS (
  SELECT * FROM json_to_recordset($2::json) AS r(user_id uuid, full_name_enc text, dob_enc text, gender text, aadhaar_last4 text, aadhaar_ref text,
    aadhaar_verified boolean, aadhaar_verified_at timestamptz, kyc_status text)
), users_up AS (
  INSERT INTO users (id) SELECT user_id FROM profiles ON CONFLICT (id) DO UPDATE SET updated_at = now()
), profiles_up AS (
  INSERT INTO user_profiles (user_id, full_name_enc, dob_enc, gender, aadhaar_last4, aadhaar_ref, aadhaar_verified, aadhaar_verified_at, kyc_status)
  SELECT user_id, decode(full_name_enc, 'base64'), decode(dob_enc, 'base64'), gender, aadhaar_last4, aadhaar_ref, aadhaar_verified, aadhaar_verified_at, kyc_status
    FROM profiles
  ON CONFLICT (user_id) DO UPDATE SET ${PROFILE_UPSERT}
), kyc_up AS (
  INSERT INTO kyc (id, user_id, device_id, branch_id, agent_id, method, status, risk_level, decision_reason, decided_at, captured_at)
  SELECT id, user_id, device_id, branch_id, agent_id, method, status, risk_level, decision_reason, decided_at, captured_at
    FROM json_to_recordset($3::json) AS r(id uuid, user_id uuid, device_id text, branch_id text, agent_id text, method text, status text,
      risk_level text, decision_reason text, decided_at timestamptz, captured_at timestamptz)
  ON CONFLICT (id) DO UPDATE SET ${KYC_UPSERT}
), logs_in AS (
  INSERT INTO kyc_logs (kyc_id, from_status, to_status, actor)
  SELECT kyc_id, from_status, to_status, actor FROM json_to_recordset($4::json) AS r(kyc_id uuid, from_status text, to_status text, actor text)
), verifications_up AS (
  INSERT INTO aadhaar_verifications (id, user_id, kyc_id, device_id, method, aadhaar_last4, aadhaar_ref, name_enc, dob_enc, gender, address_enc,
    photo_hash, provider, provider_txn_id, status, error_code, consent_ref, attempt_count, verified_at, created_at)
  SELECT id, user_id, kyc_id, device_id, method, aadhaar_last4, aadhaar_ref, decode(name_enc, 'base64'), decode(dob_enc, 'base64'), gender,
      decode(address_enc, 'base64'), photo_hash, provider, provider_txn_id, status, error_code, consent_ref, attempt_count, verified_at, created_at
    FROM json_to_recordset($5::json) AS r(id uuid, user_id uuid, kyc_id uuid, device_id text, method text, aadhaar_last4 text, aadhaar_ref text,
      name_enc text, dob_enc text, gender text, address_enc text, photo_hash text, provider text, provider_txn_id text, status text, error_code text,
      consent_ref text, attempt_count integer, verified_at timestamptz, created_at timestamptz)
  ON CONFLICT (id) DO UPDATE SET ${VERIFICATION_UPSERT}
), aml_in AS (
  INSERT INTO aml_assessments (id, kyc_id, user_id, list_version, risk_score, risk_level, hits, decision, assessed_at)
  SELECT id, kyc_id, user_id, list_version, risk_score, risk_level, hits::jsonb, decision, assessed_at
    FROM json_to_recordset($6::json) AS r(id uuid, kyc_id uuid, user_id uuid, list_version text, risk_score numeric, risk_level text, hits text,
      decision text, assessed_at timestamptz)
  ON CONFLICT (id) DO NOTHING
), api_in AS (
  INSERT INTO api_requests (id, device_id, kyc_id, provider, endpoint, method, status_code, duration_ms, error_code, requested_at)
  SELECT id, device_id, kyc_id, provider, endpoint, method, status_code, duration_ms, error_code, requested_at
    FROM json_to_recordset($7::json) AS r(id uuid, device_id text, kyc_id uuid, provider text, endpoint text, method text, status_code integer,
      duration_ms integer, error_code text, requested_at timestamptz)
), audit_in AS (
  INSERT INTO audit_entries (device_id, seq, prev_hash, hash, event, actor, entity_ref, details, occurred_at)
  SELECT $1, seq, prev_hash, hash, event, actor, entity_ref, details, occurred_at
    FROM json_to_recordset($8::json) AS r(seq bigint, prev_hash text, hash text, event text, actor text, entity_ref text, details jsonb, occurred_at timestamptz)
), keys_in AS (
  INSERT INTO idempotency_keys (device_id, key, kind, outbox_seq, body_hash)
  SELECT $1, key, kind, outbox_seq, body_hash FROM json_to_recordset($9::json) AS r(key text, kind text, outbox_seq bigint, body_hash text)
), head_up AS (
  UPDATE device_chain_heads SET last_seq = $10, last_hash = $11, last_outbox_seq = $12, updated_at = now() WHERE device_id = $1 AND $10::bigint IS NOT NULL
), seen_up AS (
  UPDATE devices SET last_seen_at = now() WHERE id = $1 AND $13::boolean
)
SELECT 1`;

export class BulkWriter {
  private readonly profiles: ProfileRow[] = [];
  private readonly kycs: KycRow[] = [];
  private readonly logs: Array<{ kyc_id: string; from_status: string | null; to_status: string; actor: string }> = [];
  private readonly verifications: VerificationRow[] = [];
  private readonly aml: Array<AmlRow & { user_id: string }> = [];
  private readonly api: ApiRow[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly deviceId: string, private readonly cipher: FieldCipher, private readonly known: KnownKyc) {}

  /**
   * Throws RepeatedInBatch, before taking anything, when one of the ids is already in this statement (it cannot
   * upsert a row twice) or repeats among themselves.
   */
  private claim(ids: string[]): void {
    if (ids.some((k) => this.seen.has(k)) || new Set(ids).size !== ids.length) throw new RepeatedInBatch();
    for (const k of ids) this.seen.add(k);
  }

  kycRecord(p: KycRecordPayload): void {
    const rows = kycRecordRows(this.deviceId, p, this.cipher);
    this.claim([`user:${rows.profile.user_id}`, `kyc:${rows.kyc.id}`, ...rows.verifications.map((v) => `verification:${v.id}`)]);
    this.profiles.push(rows.profile);
    this.kycs.push(rows.kyc);
    this.verifications.push(...rows.verifications);
    for (const a of rows.aml) this.pushAml(a);
    const before = this.known.get(rows.kyc.id);
    if ((before?.status ?? null) !== rows.kyc.status) {
      this.logs.push({ kyc_id: rows.kyc.id, from_status: before?.status ?? null, to_status: rows.kyc.status, actor: rows.kyc.agent_id });
    }
    // An existing KYC row keeps its user (the upsert does not move it).
    this.known.set(rows.kyc.id, { status: rows.kyc.status, userId: before?.userId ?? rows.kyc.user_id });
  }

  amlAssessment(p: AmlAssessmentPayload): void {
    const a = amlAssessmentRow(this.deviceId, p);
    const kyc = this.known.get(a.kyc_id);
    if (!kyc) throw new HttpError(422, 'E_SYNC_UNKNOWN_KYC', 'The assessment refers to a KYC record the server does not have.');
    this.pushAml({ ...a, user_id: kyc.userId });
  }

  apiRequest(p: ApiRequestPayload): void {
    const q = apiRequestRow(this.deviceId, p);
    this.claim([`api:${q.id}`]);
    // A log row may arrive for a KYC the server has not seen (sync order is per record); keep the log, drop the link.
    if (q.kyc_id !== null && !this.known.has(q.kyc_id)) q.kyc_id = null;
    this.api.push(q);
  }

  /** ON CONFLICT DO NOTHING: the first assessment with an id wins, as when written one by one. */
  private pushAml(a: AmlRow & { user_id: string }): void {
    if (this.seen.has(`aml:${a.id}`)) return;
    this.seen.add(`aml:${a.id}`);
    this.aml.push(a);
  }

  /** Writes the rows collected so far; with `tail` (the batch's last flush), also the audit entries, keys and head. */
  async flush(tx: Queryable, tail: BatchTail = { auditRows: [], applied: [], head: undefined, touchLastSeen: false }): Promise<void> {
    await tx.query(SQL, [
      this.deviceId,
      JSON.stringify(this.profiles.map((p) => ({ ...p, full_name_enc: b64(p.full_name_enc), dob_enc: b64(p.dob_enc) }))),
      JSON.stringify(this.kycs),
      JSON.stringify(this.logs),
      JSON.stringify(this.verifications.map((v) => ({ ...v, name_enc: b64(v.name_enc), dob_enc: b64(v.dob_enc), address_enc: b64(v.address_enc) }))),
      JSON.stringify(this.aml),
      JSON.stringify(this.api),
      JSON.stringify(tail.auditRows.map((a) => ({
        seq: a.seq, prev_hash: a.prevHash, hash: a.hash, event: a.action, actor: a.agentId ?? 'system', entity_ref: a.subjectRef, details: a.details, occurred_at: a.at,
      }))),
      JSON.stringify(tail.applied.map((a) => ({ key: a.key, kind: a.kind, outbox_seq: a.seq, body_hash: a.hash }))),
      tail.head?.seq ?? null, tail.head?.hash ?? null, tail.head?.outboxSeq ?? null, tail.touchLastSeen,
    ], { name: 'ingest-bulk-write' });
  }
}
