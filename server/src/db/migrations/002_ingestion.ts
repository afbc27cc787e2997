/**
 * What ingestion needs: enrolled devices and their one-time enrolment codes,
 * request nonces (replay window), idempotency keys per device, and each
 * device's audit chain (entries plus its head, the row we lock per batch).
 */
import type { Migration } from './types';

export const ingestion: Migration = {
  version: 2,
  name: 'ingestion',
  up: `
CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  branch_id TEXT NOT NULL,
  public_key TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
  enrolled_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  revoked_at TIMESTAMPTZ,
  last_seen_at TIMESTAMPTZ
);

CREATE TABLE enrolment_codes (
  code_hash TEXT PRIMARY KEY,
  branch_id TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at TIMESTAMPTZ NOT NULL,
  used_at TIMESTAMPTZ,
  device_id TEXT REFERENCES devices (id) ON DELETE SET NULL
);

CREATE TABLE request_nonces (
  device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  nonce TEXT NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (device_id, nonce)
);
CREATE INDEX idx_request_nonces_expires_at ON request_nonces (expires_at);

CREATE TABLE idempotency_keys (
  device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  kind TEXT NOT NULL,
  outbox_seq BIGINT NOT NULL,
  body_hash TEXT NOT NULL,
  applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (device_id, key)
);

CREATE TABLE device_chain_heads (
  device_id TEXT PRIMARY KEY REFERENCES devices (id) ON DELETE CASCADE,
  last_seq BIGINT NOT NULL DEFAULT 0,
  last_hash TEXT NOT NULL,
  last_outbox_seq BIGINT NOT NULL DEFAULT 0,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE audit_entries (
  device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  seq BIGINT NOT NULL CHECK (seq >= 1),
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  event TEXT NOT NULL,
  actor TEXT NOT NULL,
  entity_ref TEXT,
  details JSONB,
  occurred_at TIMESTAMPTZ NOT NULL,
  received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (device_id, seq)
);
`,
  down: `
DROP TABLE IF EXISTS audit_entries;
DROP TABLE IF EXISTS device_chain_heads;
DROP TABLE IF EXISTS idempotency_keys;
DROP TABLE IF EXISTS request_nonces;
DROP TABLE IF EXISTS enrolment_codes;
DROP TABLE IF EXISTS devices;
`,
};
