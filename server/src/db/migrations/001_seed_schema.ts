/**
 * The seed schema: users and their KYC profile, KYC cases and their log, AML
 * assessments, provider API request logs, Aadhaar verifications (22 columns,
 * 4 indexes) and OTP attempts (9 columns, 2 indexes). Personal data sits in
 * `*_enc` BYTEA columns, encrypted by the application (AES-256-GCM, see
 * crypto/fields.ts); lookups use keyed hashes and last-4 digits only. No
 * column can hold a full Aadhaar number, VID, OTP or biometric.
 */
import type { Migration } from './types';

export const seedSchema: Migration = {
  version: 1,
  name: 'seed_schema',
  up: `
CREATE TABLE users (
  id UUID PRIMARY KEY,
  external_ref TEXT UNIQUE,
  mobile_enc BYTEA,
  mobile_hash TEXT,
  email_enc BYTEA,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'blocked', 'closed')),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_users_mobile_hash ON users (mobile_hash);

CREATE TABLE user_profiles (
  user_id UUID PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  full_name_enc BYTEA NOT NULL,
  dob_enc BYTEA,
  gender CHAR(1) CHECK (gender IN ('M', 'F', 'T')),
  address_enc BYTEA,
  pan_last4 CHAR(4),
  pan_hash TEXT,
  aadhaar_last4 CHAR(4) CHECK (aadhaar_last4 ~ '^[0-9]{4}$'),
  aadhaar_ref TEXT,
  aadhaar_verified BOOLEAN NOT NULL DEFAULT false,
  aadhaar_verified_at TIMESTAMPTZ,
  kyc_status TEXT NOT NULL DEFAULT 'not_started'
    CHECK (kyc_status IN ('not_started', 'pending', 'in_review', 'verified', 'rejected', 'expired')),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (aadhaar_verified = false OR aadhaar_verified_at IS NOT NULL)
);
CREATE INDEX idx_user_profiles_kyc_status ON user_profiles (kyc_status);

CREATE TABLE kyc (
  id UUID PRIMARY KEY,
  user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  device_id TEXT NOT NULL,
  branch_id TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  method TEXT NOT NULL CHECK (method IN ('otp', 'biometric', 'offline_qr', 'offline_xml', 'ovd', 'digilocker')),
  status TEXT NOT NULL CHECK (status IN ('pending', 'in_review', 'verified', 'rejected', 'expired')),
  risk_level TEXT CHECK (risk_level IN ('low', 'medium', 'high')),
  decision_reason TEXT,
  decided_at TIMESTAMPTZ,
  captured_at TIMESTAMPTZ NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_kyc_user_id ON kyc (user_id);
CREATE INDEX idx_kyc_status ON kyc (status);

CREATE TABLE kyc_logs (
  id BIGSERIAL PRIMARY KEY,
  kyc_id UUID NOT NULL REFERENCES kyc (id) ON DELETE CASCADE,
  from_status TEXT,
  to_status TEXT NOT NULL,
  actor TEXT NOT NULL,
  note TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_kyc_logs_kyc_id ON kyc_logs (kyc_id);

CREATE TABLE aml_assessments (
  id UUID PRIMARY KEY,
  kyc_id UUID NOT NULL REFERENCES kyc (id) ON DELETE CASCADE,
  user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  list_version TEXT NOT NULL,
  risk_score NUMERIC(5, 2) NOT NULL CHECK (risk_score >= 0 AND risk_score <= 100),
  risk_level TEXT NOT NULL CHECK (risk_level IN ('low', 'medium', 'high')),
  hits JSONB NOT NULL DEFAULT '[]'::jsonb,
  decision TEXT NOT NULL CHECK (decision IN ('clear', 'review', 'block')),
  assessed_at TIMESTAMPTZ NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_aml_assessments_kyc_id ON aml_assessments (kyc_id);
CREATE INDEX idx_aml_assessments_risk_level ON aml_assessments (risk_level);

CREATE TABLE api_requests (
  id UUID PRIMARY KEY,
  device_id TEXT NOT NULL,
  kyc_id UUID REFERENCES kyc (id) ON DELETE SET NULL,
  provider TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  method TEXT NOT NULL,
  status_code INTEGER NOT NULL CHECK (status_code BETWEEN 0 AND 599),
  duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
  error_code TEXT,
  requested_at TIMESTAMPTZ NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_api_requests_device_id ON api_requests (device_id);
CREATE INDEX idx_api_requests_requested_at ON api_requests (requested_at);

CREATE TABLE aadhaar_verifications (
  id UUID PRIMARY KEY,
  user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kyc_id UUID REFERENCES kyc (id) ON DELETE CASCADE,
  device_id TEXT NOT NULL,
  method TEXT NOT NULL CHECK (method IN ('otp', 'biometric', 'offline_qr', 'offline_xml')),
  aadhaar_last4 CHAR(4) NOT NULL CHECK (aadhaar_last4 ~ '^[0-9]{4}$'),
  aadhaar_ref TEXT NOT NULL,
  name_enc BYTEA,
  dob_enc BYTEA,
  gender CHAR(1) CHECK (gender IN ('M', 'F', 'T')),
  address_enc BYTEA,
  photo_hash TEXT,
  provider TEXT,
  provider_txn_id TEXT,
  status TEXT NOT NULL CHECK (status IN ('pending', 'verified', 'failed', 'expired')),
  error_code TEXT,
  consent_ref TEXT NOT NULL,
  attempt_count INTEGER NOT NULL DEFAULT 0 CHECK (attempt_count >= 0),
  verified_at TIMESTAMPTZ,
  expires_at TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (status <> 'verified' OR verified_at IS NOT NULL)
);
CREATE INDEX idx_aadhaar_verifications_user_id ON aadhaar_verifications (user_id);
CREATE INDEX idx_aadhaar_verifications_kyc_id ON aadhaar_verifications (kyc_id);
CREATE INDEX idx_aadhaar_verifications_status ON aadhaar_verifications (status);
CREATE INDEX idx_aadhaar_verifications_created_at ON aadhaar_verifications (created_at);

CREATE TABLE otp_attempts (
  id UUID PRIMARY KEY,
  verification_id UUID NOT NULL REFERENCES aadhaar_verifications (id) ON DELETE CASCADE,
  txn_ref TEXT NOT NULL,
  attempt_no INTEGER NOT NULL CHECK (attempt_no BETWEEN 1 AND 5),
  status TEXT NOT NULL CHECK (status IN ('sent', 'verified', 'failed', 'expired', 'locked')),
  error_code TEXT,
  device_id TEXT NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_otp_attempts_verification_id ON otp_attempts (verification_id);
CREATE INDEX idx_otp_attempts_created_at ON otp_attempts (created_at);
`,
  down: `
DROP TABLE IF EXISTS otp_attempts;
DROP TABLE IF EXISTS aadhaar_verifications;
DROP TABLE IF EXISTS api_requests;
DROP TABLE IF EXISTS aml_assessments;
DROP TABLE IF EXISTS kyc_logs;
DROP TABLE IF EXISTS kyc;
DROP TABLE IF EXISTS user_profiles;
DROP TABLE IF EXISTS users;
`,
};
