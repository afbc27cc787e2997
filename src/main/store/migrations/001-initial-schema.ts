/**
 * 001: the kiosk side of the seed schema. Personal data sits in columns the
 * retention job can clear (`*_purged_at` records when); full Aadhaar numbers
 * and VIDs exist only in `aadhaar_vault`, elsewhere the last 4 digits and a
 * keyed hash. OTPs, PID blocks past their send, share codes and biometrics
 * have no column anywhere.
 */
import type { Migration } from './types';

const UP = `
CREATE TABLE agents (
  id              TEXT PRIMARY KEY,
  username        TEXT NOT NULL UNIQUE,
  display_name    TEXT NOT NULL,
  role            TEXT NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
  branch_id       TEXT NOT NULL,
  credential_hash TEXT,
  status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'locked', 'disabled')),
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until    TEXT,
  last_login_at   TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);

CREATE TABLE kyc_records (
  id                      TEXT PRIMARY KEY,
  reference               TEXT NOT NULL UNIQUE,
  branch_id               TEXT NOT NULL,
  agent_id                TEXT NOT NULL REFERENCES agents(id),
  device_id               TEXT,
  method                  TEXT NOT NULL CHECK (method IN ('otp', 'biometric', 'qr', 'xml')),
  status                  TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'expired')),
  status_reason           TEXT,
  customer_name           TEXT,
  date_of_birth           TEXT,
  gender                  TEXT,
  mobile_last4            TEXT,
  aadhaar_last4           TEXT,
  aadhaar_keyed_hash      TEXT,
  aadhaar_vault_ref       TEXT,
  details_json            TEXT,
  submitted_at            TEXT NOT NULL,
  verified_at             TEXT,
  expires_at              TEXT,
  server_confirmed_at     TEXT,
  personal_data_purged_at TEXT,
  legal_hold              INTEGER NOT NULL DEFAULT 0 CHECK (legal_hold IN (0, 1)),
  legal_hold_reason       TEXT,
  erased_at               TEXT,
  created_at              TEXT NOT NULL,
  updated_at              TEXT NOT NULL
);
CREATE INDEX kyc_records_status_idx ON kyc_records (status, submitted_at);
CREATE INDEX kyc_records_agent_idx ON kyc_records (agent_id, submitted_at);
CREATE INDEX kyc_records_aadhaar_hash_idx ON kyc_records (aadhaar_keyed_hash);
CREATE INDEX kyc_records_confirmed_idx ON kyc_records (server_confirmed_at) WHERE personal_data_purged_at IS NULL;

CREATE TABLE aadhaar_verifications (
  id                  TEXT PRIMARY KEY,
  kyc_record_id       TEXT REFERENCES kyc_records(id) ON DELETE CASCADE,
  transaction_id      TEXT NOT NULL UNIQUE,
  reference_id        TEXT,
  method              TEXT NOT NULL CHECK (method IN ('otp', 'biometric', 'qr', 'xml')),
  verification_status TEXT NOT NULL CHECK (verification_status IN ('initiated', 'otp_sent', 'verified', 'failed', 'expired')),
  kyc_status          TEXT NOT NULL DEFAULT 'pending' CHECK (kyc_status IN ('pending', 'approved', 'rejected', 'expired')),
  attempts            INTEGER NOT NULL DEFAULT 0,
  aadhaar_masked      TEXT,
  aadhaar_keyed_hash  TEXT,
  aadhaar_vault_ref   TEXT,
  address_json        TEXT,
  photo_ref           TEXT,
  failure_reason      TEXT,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  verified_at         TEXT
);
CREATE INDEX aadhaar_verifications_record_idx ON aadhaar_verifications (kyc_record_id);
CREATE INDEX aadhaar_verifications_hash_idx ON aadhaar_verifications (aadhaar_keyed_hash, created_at);
CREATE INDEX aadhaar_verifications_reference_idx ON aadhaar_verifications (reference_id);

CREATE TABLE otp_attempts (
  id                  INTEGER PRIMARY KEY,
  verification_id     TEXT NOT NULL REFERENCES aadhaar_verifications(id) ON DELETE CASCADE,
  attempt_number      INTEGER NOT NULL CHECK (attempt_number >= 1),
  status              TEXT NOT NULL CHECK (status IN ('requested', 'sent', 'verified', 'failed', 'expired', 'locked')),
  failure_reason      TEXT,
  aadhaar_keyed_hash  TEXT,
  agent_id            TEXT,
  device_id           TEXT,
  client_context_json TEXT,
  created_at          TEXT NOT NULL,
  UNIQUE (verification_id, attempt_number)
);
CREATE INDEX otp_attempts_hash_idx ON otp_attempts (aadhaar_keyed_hash, created_at);
CREATE INDEX otp_attempts_agent_idx ON otp_attempts (agent_id, created_at);

CREATE TABLE aml_assessments (
  id                    TEXT PRIMARY KEY,
  kyc_record_id         TEXT REFERENCES kyc_records(id) ON DELETE CASCADE,
  subject_ref           TEXT NOT NULL,
  risk_score            REAL NOT NULL CHECK (risk_score >= 0 AND risk_score <= 1),
  risk_level            TEXT NOT NULL CHECK (risk_level IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
  match_count           INTEGER NOT NULL DEFAULT 0,
  strong_match_count    INTEGER NOT NULL DEFAULT 0,
  list_versions_json    TEXT,
  factors_json          TEXT,
  matches_json          TEXT,
  recommendations_json  TEXT,
  disposition           TEXT,
  disposed_by           TEXT,
  disposed_at           TEXT,
  screened_at           TEXT NOT NULL,
  valid_until           TEXT,
  next_review_at        TEXT,
  created_at            TEXT NOT NULL
);
CREATE INDEX aml_assessments_record_idx ON aml_assessments (kyc_record_id);
CREATE INDEX aml_assessments_subject_idx ON aml_assessments (subject_ref, screened_at);
CREATE INDEX aml_assessments_review_idx ON aml_assessments (next_review_at);

CREATE TABLE api_requests (
  id             TEXT PRIMARY KEY,
  kyc_record_id  TEXT REFERENCES kyc_records(id) ON DELETE SET NULL,
  correlation_id TEXT,
  provider       TEXT,
  endpoint       TEXT NOT NULL,
  method         TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'timeout')),
  http_status    INTEGER,
  latency_ms     INTEGER,
  retries        INTEGER NOT NULL DEFAULT 0,
  error_code     TEXT,
  error_message  TEXT,
  created_at     TEXT NOT NULL,
  completed_at   TEXT
);
CREATE INDEX api_requests_record_idx ON api_requests (kyc_record_id);
CREATE INDEX api_requests_created_idx ON api_requests (created_at);

CREATE TABLE consents (
  id                TEXT PRIMARY KEY,
  kyc_record_id     TEXT REFERENCES kyc_records(id) ON DELETE CASCADE,
  session_id        TEXT NOT NULL,
  purpose           TEXT NOT NULL,
  text_version_hash TEXT NOT NULL,
  language          TEXT NOT NULL,
  channel           TEXT NOT NULL CHECK (channel IN ('screen_tap', 'signature_pad', 'paper_scan')),
  granted           INTEGER NOT NULL CHECK (granted IN (0, 1)),
  agent_id          TEXT NOT NULL,
  device_id         TEXT,
  given_at          TEXT NOT NULL,
  withdrawn_at      TEXT
);
CREATE INDEX consents_record_idx ON consents (kyc_record_id);
CREATE INDEX consents_session_idx ON consents (session_id, purpose);

CREATE TABLE aadhaar_vault (
  ref_key     TEXT PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('aadhaar', 'vid')),
  keyed_hash  TEXT NOT NULL UNIQUE,
  ciphertext  BLOB NOT NULL,
  key_version INTEGER NOT NULL,
  created_at  TEXT NOT NULL
);

CREATE TABLE pid_buffer (
  id            TEXT PRIMARY KEY,
  session_id    TEXT NOT NULL,
  encrypted_pid BLOB NOT NULL,
  created_at    TEXT NOT NULL,
  expires_at    TEXT NOT NULL
);
CREATE INDEX pid_buffer_expiry_idx ON pid_buffer (expires_at);

CREATE TABLE audit_log (
  seq          INTEGER PRIMARY KEY,
  at           TEXT NOT NULL,
  agent_id     TEXT,
  action       TEXT NOT NULL,
  subject_ref  TEXT,
  details_json TEXT NOT NULL,
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL
);
CREATE INDEX audit_log_subject_idx ON audit_log (subject_ref, seq);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE outbox (
  id               INTEGER PRIMARY KEY,
  idempotency_key  TEXT NOT NULL UNIQUE,
  record_type      TEXT NOT NULL,
  record_id        TEXT NOT NULL,
  payload_json     TEXT,
  payload_hash     TEXT NOT NULL,
  state            TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'applied', 'duplicate', 'rejected')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TEXT NOT NULL,
  lease_until      TEXT,
  last_error       TEXT,
  rejection_reason TEXT,
  server_ref       TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  completed_at     TEXT
);
CREATE INDEX outbox_state_idx ON outbox (state, next_attempt_at, id);
CREATE INDEX outbox_record_idx ON outbox (record_id, id);

CREATE TABLE sync_cursors (
  name       TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`;

const TABLES = ['sync_cursors', 'outbox', 'audit_log', 'pid_buffer', 'aadhaar_vault', 'consents', 'api_requests', 'aml_assessments', 'otp_attempts', 'aadhaar_verifications', 'kyc_records', 'agents'];

export const migration001: Migration = {
  version: 1,
  name: 'initial schema',
  up: (db) => void db.exec(UP),
  // Dropping a table drops its indexes and triggers with it; children first for the foreign keys.
  down: (db) => void db.exec(TABLES.map((t) => `DROP TABLE ${t};`).join('\n')),
};
