import { afterEach, describe, expect, it } from 'vitest';
import { encryptedTempDb } from '../test-support/fixtures';
import { migration001 } from './001-initial-schema';
import { expectedSchemaAt } from './expected-schema';
import { validateSchema } from './runner';

const cleanups: Array<() => void> = [];
afterEach(() => { while (cleanups.length) cleanups.pop()!(); });
function db() {
  const t = encryptedTempDb();
  cleanups.push(t.cleanup);
  return t.db;
}
const tables = (d: ReturnType<typeof db>) => d.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all() as string[];

describe('migration 001: initial schema', () => {
  it('up creates exactly the expected schema; down removes it; up again works', () => {
    const d = db();
    migration001.up(d);
    d.pragma('user_version = 1');
    expect(validateSchema(d, [migration001], expectedSchemaAt(1))).toMatchObject({ ok: true, problems: [] });
    expect(tables(d).sort()).toEqual(Object.keys(expectedSchemaAt(1)).sort());
    migration001.down(d);
    expect(tables(d)).toEqual([]);
    expect(d.prepare(`SELECT count(*) FROM sqlite_master`).pluck().get()).toBe(0);
    migration001.up(d);
    expect(tables(d).length).toBe(Object.keys(expectedSchemaAt(1)).length);
  });

  it('has no column that could hold an OTP, PID block, share code or biometric', () => {
    const d = db();
    migration001.up(d);
    const columns = tables(d).flatMap((t) => (d.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(t) as string[]).map((c) => `${t}.${c}`));
    const forbidden = columns.filter((c) => /(^|[._])(otp|otp_value|pid|pid_data|share_code|biometric|fingerprint|iris|aadhaar_number|vid)$/.test(c));
    // The one exception: the short-TTL buffer of PID blocks already encrypted for UIDAI (purged on send or expiry).
    expect(forbidden).toEqual(['pid_buffer.encrypted_pid']);
    // The only full-number column is the vault's ciphertext.
    expect(columns.filter((c) => c.startsWith('aadhaar_vault.'))).toContain('aadhaar_vault.ciphertext');
  });

  it('makes the audit log append-only and enforces the domain checks', () => {
    const d = db();
    migration001.up(d);
    d.prepare(`INSERT INTO audit_log (seq, at, action, details_json, prev_hash, hash) VALUES (1, 'now', 'x', '{}', 'p', 'h')`).run();
    expect(() => d.prepare(`UPDATE audit_log SET action = 'y'`).run()).toThrow(/append-only/);
    expect(() => d.prepare(`DELETE FROM audit_log`).run()).toThrow(/append-only/);
    const aml = (score: number, level: string) => d.prepare(`INSERT INTO aml_assessments (id, subject_ref, risk_score, risk_level, screened_at, created_at) VALUES (?, 's', ?, ?, 'now', 'now')`).run(`a${score}${level}`, score, level);
    expect(() => aml(1.5, 'LOW')).toThrow(/CHECK/);
    expect(() => aml(0.5, 'SEVERE')).toThrow(/CHECK/);
    aml(0.5, 'HIGH');
    d.pragma('foreign_keys = ON');
    expect(() => d.prepare(`INSERT INTO kyc_records (id, reference, branch_id, agent_id, method, status, submitted_at, created_at, updated_at) VALUES ('r', 'R', 'b', 'nobody', 'qr', 'pending', 'now', 'now', 'now')`).run()).toThrow(/FOREIGN KEY/);
    expect(() => d.prepare(`INSERT INTO kyc_records (id, reference, branch_id, agent_id, method, status, submitted_at, created_at, updated_at) VALUES ('r', 'R', 'b', 'nobody', 'fax', 'pending', 'now', 'now', 'now')`).run()).toThrow(/CHECK/);
  });

  it('gives every lookup the flow makes an index (query plans use them)', () => {
    const d = db();
    migration001.up(d);
    const plan = (sql: string) => (d.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    expect(plan(`SELECT * FROM kyc_records WHERE aadhaar_keyed_hash = 'h'`)).toMatch(/USING INDEX kyc_records_aadhaar_hash_idx/);
    expect(plan(`SELECT count(*) FROM otp_attempts WHERE aadhaar_keyed_hash = 'h' AND created_at >= 'x'`)).toMatch(/otp_attempts_hash_idx/);
    expect(plan(`SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= 'x' ORDER BY id`)).toMatch(/outbox_state_idx/);
    expect(plan(`SELECT * FROM outbox WHERE record_id = 'r' ORDER BY id`)).toMatch(/outbox_record_idx/);
    expect(plan(`SELECT * FROM aml_assessments WHERE subject_ref = 's' ORDER BY screened_at DESC`)).toMatch(/aml_assessments_subject_idx/);
    expect(plan(`SELECT * FROM audit_log WHERE subject_ref = 's' AND seq > 0 ORDER BY seq`)).toMatch(/audit_log_subject_idx/);
  });
});
