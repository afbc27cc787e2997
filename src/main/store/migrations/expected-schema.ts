/**
 * What the code expects the database to hold at the latest version: tables,
 * their columns in order, named indexes, foreign keys and triggers. `validate`
 * compares a live database with this; a migration that changes the schema
 * updates this file in the same commit (the migration tests hold them together).
 */
export interface ExpectedTable {
  columns: string[];
  indexes: string[];
  /** "column -> table(column)" */
  foreignKeys: string[];
  triggers?: string[];
  /** CHECK constraints the table's definition must hold, as written (003 widened two). */
  checks?: string[];
}

export const EXPECTED_SCHEMA: Record<string, ExpectedTable> = {
  agents: {
    columns: ['id', 'username', 'display_name', 'role', 'branch_id', 'credential_hash', 'status', 'failed_attempts', 'locked_until', 'last_login_at', 'created_at', 'updated_at'],
    indexes: [],
    foreignKeys: [],
  },
  kyc_records: {
    columns: ['id', 'reference', 'branch_id', 'agent_id', 'device_id', 'method', 'status', 'status_reason', 'customer_name', 'date_of_birth', 'gender', 'mobile_last4', 'aadhaar_last4', 'aadhaar_keyed_hash', 'aadhaar_vault_ref', 'details_json', 'submitted_at', 'verified_at', 'expires_at', 'server_confirmed_at', 'personal_data_purged_at', 'legal_hold', 'legal_hold_reason', 'erased_at', 'created_at', 'updated_at'],
    indexes: ['kyc_records_status_idx', 'kyc_records_agent_idx', 'kyc_records_aadhaar_hash_idx', 'kyc_records_confirmed_idx'],
    foreignKeys: ['agent_id -> agents(id)'],
    // 003
    checks: [`CHECK (method IN ('otp', 'biometric', 'qr', 'xml', 'ovd'))`],
  },
  aadhaar_verifications: {
    columns: ['id', 'kyc_record_id', 'transaction_id', 'reference_id', 'method', 'verification_status', 'kyc_status', 'attempts', 'aadhaar_masked', 'aadhaar_keyed_hash', 'aadhaar_vault_ref', 'address_json', 'photo_ref', 'failure_reason', 'created_at', 'updated_at', 'verified_at'],
    indexes: ['aadhaar_verifications_record_idx', 'aadhaar_verifications_hash_idx', 'aadhaar_verifications_reference_idx'],
    foreignKeys: ['kyc_record_id -> kyc_records(id)'],
  },
  otp_attempts: {
    columns: ['id', 'verification_id', 'attempt_number', 'status', 'failure_reason', 'aadhaar_keyed_hash', 'agent_id', 'device_id', 'client_context_json', 'created_at'],
    indexes: ['otp_attempts_hash_idx', 'otp_attempts_agent_idx'],
    foreignKeys: ['verification_id -> aadhaar_verifications(id)'],
  },
  aml_assessments: {
    columns: ['id', 'kyc_record_id', 'subject_ref', 'risk_score', 'risk_level', 'match_count', 'strong_match_count', 'list_versions_json', 'factors_json', 'matches_json', 'recommendations_json', 'disposition', 'disposed_by', 'disposed_at', 'screened_at', 'valid_until', 'next_review_at', 'created_at'],
    indexes: ['aml_assessments_record_idx', 'aml_assessments_subject_idx', 'aml_assessments_review_idx'],
    foreignKeys: ['kyc_record_id -> kyc_records(id)'],
  },
  api_requests: {
    columns: ['id', 'kyc_record_id', 'correlation_id', 'provider', 'endpoint', 'method', 'status', 'http_status', 'latency_ms', 'retries', 'error_code', 'error_message', 'created_at', 'completed_at'],
    indexes: ['api_requests_record_idx', 'api_requests_created_idx'],
    foreignKeys: ['kyc_record_id -> kyc_records(id)'],
  },
  consents: {
    columns: ['id', 'kyc_record_id', 'session_id', 'purpose', 'text_version_hash', 'language', 'channel', 'granted', 'agent_id', 'device_id', 'given_at', 'withdrawn_at'],
    indexes: ['consents_record_idx', 'consents_session_idx'],
    foreignKeys: ['kyc_record_id -> kyc_records(id)'],
    // 003
    checks: [`CHECK (channel IN ('screen_tap', 'signature_pad', 'paper_scan', 'read_out'))`],
  },
  aadhaar_vault: {
    columns: ['ref_key', 'kind', 'keyed_hash', 'ciphertext', 'key_version', 'created_at'],
    indexes: [],
    foreignKeys: [],
  },
  pid_buffer: {
    columns: ['id', 'session_id', 'encrypted_pid', 'created_at', 'expires_at'],
    indexes: ['pid_buffer_expiry_idx'],
    foreignKeys: [],
  },
  audit_log: {
    columns: ['seq', 'at', 'agent_id', 'action', 'subject_ref', 'details_json', 'prev_hash', 'hash'],
    indexes: ['audit_log_subject_idx'],
    foreignKeys: [],
    triggers: ['audit_log_no_update', 'audit_log_no_delete'],
  },
  outbox: {
    columns: ['id', 'idempotency_key', 'record_type', 'record_id', 'payload_json', 'payload_hash', 'state', 'attempts', 'next_attempt_at', 'lease_until', 'last_error', 'rejection_reason', 'server_ref', 'created_at', 'updated_at', 'completed_at'],
    indexes: ['outbox_state_idx', 'outbox_record_idx'],
    foreignKeys: [],
  },
  sync_cursors: {
    columns: ['name', 'value', 'updated_at'],
    indexes: [],
    foreignKeys: [],
  },
  // 002
  kyc_drafts: {
    columns: ['case_id', 'reference', 'branch_id', 'agent_id', 'agent_name', 'language', 'step', 'consent_ref', 'consent_json', 'method', 'masked_id', 'id_last4', 'verification_ref', 'created_at', 'updated_at'],
    indexes: ['kyc_drafts_agent_idx'],
    foreignKeys: ['agent_id -> agents(id)'],
  },
};

/** The tables each migration adds: a test of migration N validates the schema without the later ones. */
export const TABLES_ADDED_BY: Record<number, readonly string[]> = { 2: ['kyc_drafts'] };

/** The CHECK constraints each migration changed, as they were before it (a migration test validates the older schema). */
export const CHECKS_BEFORE: Record<number, Readonly<Record<string, readonly string[]>>> = {
  3: {
    kyc_records: [`CHECK (method IN ('otp', 'biometric', 'qr', 'xml'))`],
    consents: [`CHECK (channel IN ('screen_tap', 'signature_pad', 'paper_scan'))`],
  },
};

/** EXPECTED_SCHEMA as it stands after `version`. */
export function expectedSchemaAt(version: number): Record<string, ExpectedTable> {
  const later = new Set(Object.entries(TABLES_ADDED_BY).filter(([v]) => Number(v) > version).flatMap(([, t]) => t));
  const tables = Object.fromEntries(Object.entries(EXPECTED_SCHEMA).filter(([t]) => !later.has(t)).map(([t, want]) => [t, { ...want }]));
  // Newest first, so the oldest change after `version` wins.
  for (const [v, checks] of Object.entries(CHECKS_BEFORE).sort(([a], [b]) => Number(b) - Number(a))) {
    if (Number(v) <= version) continue;
    for (const [t, c] of Object.entries(checks)) if (tables[t]) tables[t] = { ...tables[t], checks: [...c] };
  }
  return tables;
}
