/**
 * 002: `kyc_drafts`, the durable part of an onboarding still in progress, so a
 * kiosk that dies mid-onboarding can offer the case again on restart (issue 10).
 * One row per open case, written in the same transaction as each step's audit
 * entry and deleted in the transaction that decides or cancels the case.
 *
 * It holds progress only: the step reached, the consent (purposes, text hashes,
 * never text about the customer), the method, masked identifiers and the
 * provider's verification reference. Never an Aadhaar number, VID, OTP, PID
 * block, share code, photo or name: the checks below refuse a masked field
 * with more than four digits, so an unmasked number cannot land here by mistake.
 * A case that had passed its identity step resumes at that step.
 */
import type { Migration } from './types';

/** SQL: how many decimal digits `column` holds (nested replace: SQLite has no regexp by default). */
function digitCount(column: string): string {
  let expr = column;
  for (let d = 0; d <= 9; d++) expr = `replace(${expr}, '${d}', '')`;
  return `(length(${column}) - length(${expr}))`;
}

export const DRAFT_STEPS = ['started', 'consented', 'method', 'identified', 'face-match', 'pan', 'aml'] as const;
const METHODS = ['otp', 'fingerprint', 'iris', 'secure-qr', 'offline-xml', 'alternate-id'];
const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

const UP = `
CREATE TABLE kyc_drafts (
  case_id          TEXT PRIMARY KEY,
  reference        TEXT NOT NULL UNIQUE,
  branch_id        TEXT NOT NULL,
  agent_id         TEXT NOT NULL REFERENCES agents(id),
  agent_name       TEXT NOT NULL,
  language         TEXT NOT NULL CHECK (language IN ('en', 'hi', 'ta')),
  step             TEXT NOT NULL CHECK (step IN (${list(DRAFT_STEPS)})),
  consent_ref      TEXT,
  consent_json     TEXT,
  method           TEXT CHECK (method IN (${list(METHODS)})),
  masked_id        TEXT CHECK (masked_id IS NULL OR (length(masked_id) <= 40 AND ${digitCount('masked_id')} <= 4)),
  id_last4         TEXT CHECK (id_last4 IS NULL OR id_last4 GLOB '[0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z]'),
  verification_ref TEXT CHECK (verification_ref IS NULL OR length(verification_ref) <= 120),
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX kyc_drafts_agent_idx ON kyc_drafts (agent_id, updated_at);
`;

export const migration002: Migration = {
  version: 2,
  name: 'kyc drafts',
  up: (db) => void db.exec(UP),
  down: (db) => void db.exec('DROP TABLE kyc_drafts;'),
};
