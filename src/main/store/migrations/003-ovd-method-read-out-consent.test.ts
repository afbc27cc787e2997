import { afterEach, describe, expect, it } from 'vitest';
import { encryptedTempDb } from '../test-support/fixtures';
import { migration001 } from './001-initial-schema';
import { migration002 } from './002-kyc-drafts';
import { migration003 } from './003-ovd-method-read-out-consent';
import { expectedSchemaAt } from './expected-schema';
import { rebuildTable } from './rebuild-table';
import { migrate, rollback, schemaVersion, validateSchema } from './runner';

const cleanups: Array<() => void> = [];
afterEach(() => { while (cleanups.length) cleanups.pop()!(); });
function db() {
  const t = encryptedTempDb();
  cleanups.push(t.cleanup);
  t.db.pragma('foreign_keys = ON');
  return t.db;
}
type Db = ReturnType<typeof db>;
const all = [migration001, migration002, migration003];
const upTo2 = [migration001, migration002];
const count = (d: Db, table: string) => d.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

/** A decided record with a row in every table that references kyc_records (and a grandchild). */
function seed(d: Db) {
  d.exec(`
    INSERT INTO agents (id, username, display_name, role, branch_id, created_at, updated_at) VALUES ('a1', 'u1', 'Ravi', 'agent', 'BR-1', 'now', 'now');
    INSERT INTO kyc_records (id, reference, branch_id, agent_id, method, status, aadhaar_last4, details_json, submitted_at, created_at, updated_at)
      VALUES ('r1', 'VDX-1', 'BR-1', 'a1', 'xml', 'approved', '2346', '{"kioskMethod":"offline-xml"}', 'now', 'now', 'now');
    INSERT INTO consents (id, kyc_record_id, session_id, purpose, text_version_hash, language, channel, granted, agent_id, given_at)
      VALUES ('c1', 'r1', 's1', 'aadhaar-auth', 'h', 'en', 'screen_tap', 1, 'a1', 'now');
    INSERT INTO aadhaar_verifications (id, kyc_record_id, transaction_id, method, verification_status, created_at, updated_at) VALUES ('v1', 'r1', 't1', 'otp', 'verified', 'now', 'now');
    INSERT INTO otp_attempts (verification_id, attempt_number, status, created_at) VALUES ('v1', 1, 'verified', 'now');
    INSERT INTO aml_assessments (id, kyc_record_id, subject_ref, risk_score, risk_level, screened_at, created_at) VALUES ('m1', 'r1', 'r1', 0.1, 'LOW', 'now', 'now');
    INSERT INTO api_requests (id, kyc_record_id, endpoint, method, status, created_at) VALUES ('q1', 'r1', '/v1/verify/otp', 'POST', 'succeeded', 'now');
  `);
}
const children = ['consents', 'aadhaar_verifications', 'otp_attempts', 'aml_assessments', 'api_requests'];
const ovdRecord = `INSERT INTO kyc_records (id, reference, branch_id, agent_id, method, status, submitted_at, created_at, updated_at) VALUES ('r2', 'VDX-2', 'BR-1', 'a1', 'ovd', 'pending', 'now', 'now', 'now')`;
const readOutConsent = `INSERT INTO consents (id, kyc_record_id, session_id, purpose, text_version_hash, language, channel, granted, agent_id, given_at) VALUES ('c2', NULL, 's2', 'pan-check', 'h', 'hi', 'read_out', 1, 'a1', 'now')`;

describe('migration 003: method ovd and consent channel read_out', () => {
  it('version 2 refuses both values; 003 rebuilds the two tables keeping every row, child, index and foreign key', () => {
    const d = db();
    migrate(d, upTo2);
    seed(d);
    expect(() => d.exec(ovdRecord)).toThrow(/CHECK/);
    expect(() => d.exec(readOutConsent)).toThrow(/CHECK/);
    // An OVD case stored before 003 the only way 001 allowed: 'xml', the real method in details.
    d.exec(`INSERT INTO kyc_records (id, reference, branch_id, agent_id, method, status, details_json, submitted_at, created_at, updated_at)
      VALUES ('r0', 'VDX-0', 'BR-1', 'a1', 'xml', 'pending', '{"kioskMethod":"alternate-id"}', 'now', 'now', 'now')`);

    expect(migrate(d, all)).toMatchObject({ from: 2, to: 3, applied: [{ version: 3, name: 'ovd method and read-out consent' }] });
    expect(validateSchema(d, all)).toMatchObject({ ok: true, problems: [] });
    expect(d.pragma('foreign_keys', { simple: true })).toBe(1);
    // The parent was dropped and re-created with foreign keys off: no child row went with it.
    expect(count(d, 'kyc_records')).toBe(2);
    for (const t of children) expect(count(d, t), t).toBe(1);
    expect(d.prepare(`SELECT id, method, details_json FROM kyc_records ORDER BY id`).all()).toEqual([
      { id: 'r0', method: 'ovd', details_json: '{"kioskMethod":"alternate-id"}' },
      { id: 'r1', method: 'xml', details_json: '{"kioskMethod":"offline-xml"}' },
    ]);
    expect(d.pragma('foreign_key_check')).toEqual([]);
    expect(d.pragma('integrity_check', { simple: true })).toBe('ok');

    d.exec(ovdRecord);
    d.exec(readOutConsent);
    expect(() => d.exec(`UPDATE kyc_records SET method = 'passport' WHERE id = 'r2'`)).toThrow(/CHECK/);
    expect(() => d.exec(`UPDATE consents SET channel = 'read-out' WHERE id = 'c2'`)).toThrow(/CHECK/);
    // The children's foreign keys now point at the new table: enforced, and cascading as before.
    expect(() => d.exec(`INSERT INTO consents (id, kyc_record_id, session_id, purpose, text_version_hash, language, channel, granted, agent_id, given_at) VALUES ('c3', 'nope', 's', 'p', 'h', 'en', 'screen_tap', 1, 'a1', 'now')`)).toThrow(/FOREIGN KEY/);
    const plan = (d.prepare(`EXPLAIN QUERY PLAN SELECT * FROM kyc_records WHERE status = 'pending' ORDER BY submitted_at`).all() as Array<{ detail: string }>).map((r) => r.detail).join(' ');
    expect(plan).toMatch(/kyc_records_status_idx/);
    d.exec(`DELETE FROM kyc_records WHERE id = 'r1'`);
    expect(count(d, 'consents')).toBe(1); // c2 (no record) stays; c1 cascaded
    expect(count(d, 'aml_assessments')).toBe(0);
    expect(d.prepare(`SELECT kyc_record_id FROM api_requests`).pluck().get()).toBeNull();
  });

  it('down returns to version 2: the new values mapped to what 001 allows, rows and children kept', () => {
    const d = db();
    migrate(d, upTo2);
    seed(d);
    migrate(d, all);
    d.exec(ovdRecord);
    d.exec(readOutConsent);
    expect(rollback(d, all, 'development')).toMatchObject({ from: 3, to: 2 });
    expect(schemaVersion(d)).toBe(2);
    expect(validateSchema(d, upTo2, expectedSchemaAt(2))).toMatchObject({ ok: true, problems: [] });
    expect(d.prepare(`SELECT id, method FROM kyc_records ORDER BY id`).all()).toEqual([{ id: 'r1', method: 'xml' }, { id: 'r2', method: 'xml' }]);
    expect(d.prepare(`SELECT channel FROM consents WHERE id = 'c2'`).pluck().get()).toBe('screen_tap');
    for (const t of children) expect(count(d, t), t).toBeGreaterThanOrEqual(1);
    expect(() => d.exec(`UPDATE kyc_records SET method = 'ovd'`)).toThrow(/CHECK/);
    expect(d.pragma('foreign_keys', { simple: true })).toBe(1);
    // And up again.
    migrate(d, all);
    expect(validateSchema(d, all)).toMatchObject({ ok: true });
  });

  it('validate at version 3 names a kyc_records table that lost the widened CHECK', () => {
    const d = db();
    migrate(d, all);
    d.pragma('foreign_keys = OFF');
    d.transaction(() => rebuildTable(d, { table: 'kyc_records', replace: [[`'xml', 'ovd'`, `'xml'`]] }))();
    d.pragma('foreign_keys = ON');
    expect(validateSchema(d, all).problems).toEqual([`check CHECK (method IN ('otp', 'biometric', 'qr', 'xml', 'ovd')) on kyc_records is missing`]);
  });

  it('the rebuild refuses to run with foreign keys on (dropping the parent would delete its children)', () => {
    const d = db();
    migrate(d, upTo2);
    seed(d);
    expect(() => d.transaction(() => rebuildTable(d, { table: 'kyc_records', replace: [[`'xml')`, `'xml', 'ovd')`]] }))()).toThrow(/foreign keys on/);
    for (const t of children) expect(count(d, t), t).toBe(1);
  });
});
