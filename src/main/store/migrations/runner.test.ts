import { afterEach, describe, expect, it } from 'vitest';
import { KioskError } from '../../../shared/errors';
import { StoreErrorCode } from '../errors';
import { encryptedTempDb } from '../test-support/fixtures';
import { LATEST_VERSION, MIGRATIONS } from './index';
import { migrate, migrationStatus, rollback, schemaVersion, validateSchema } from './runner';
import type { Migration } from './types';

const cleanups: Array<() => void> = [];
afterEach(() => { while (cleanups.length) cleanups.pop()!(); });
function db() {
  const t = encryptedTempDb();
  cleanups.push(t.cleanup);
  return t.db;
}
function code(fn: () => unknown): string | undefined {
  try { fn(); } catch (e) { return e instanceof KioskError ? e.code : `not a KioskError: ${String(e)}`; }
  return undefined;
}

describe('migration runner', () => {
  it('migrates up, reports status, validates, and rolls back to zero in development', () => {
    const d = db();
    expect(migrationStatus(d, MIGRATIONS)).toMatchObject({ current: 0, latest: LATEST_VERSION, pending: MIGRATIONS.map((m) => ({ version: m.version })) });
    expect(migrate(d, MIGRATIONS)).toMatchObject({ from: 0, to: LATEST_VERSION });
    expect(migrate(d, MIGRATIONS).applied).toEqual([]);
    expect(validateSchema(d, MIGRATIONS)).toMatchObject({ ok: true });
    expect(rollback(d, MIGRATIONS, 'development', 0)).toMatchObject({ from: LATEST_VERSION, to: 0 });
    expect(schemaVersion(d)).toBe(0);
    expect(validateSchema(d, MIGRATIONS).problems).toContain('table kyc_records is missing');
    migrate(d, MIGRATIONS);
    expect(validateSchema(d, MIGRATIONS).ok).toBe(true);
  });

  it('refuses rollback outside development mode', () => {
    const d = db();
    migrate(d, MIGRATIONS);
    expect(code(() => rollback(d, MIGRATIONS, 'production'))).toBe(StoreErrorCode.ROLLBACK_FORBIDDEN);
    expect(code(() => rollback(d, MIGRATIONS, 'demo'))).toBe(StoreErrorCode.ROLLBACK_FORBIDDEN);
    expect(schemaVersion(d)).toBe(LATEST_VERSION);
  });

  it('refuses a database newer than the app', () => {
    const d = db();
    migrate(d, MIGRATIONS);
    d.pragma(`user_version = ${LATEST_VERSION + 1}`);
    expect(code(() => migrate(d, MIGRATIONS))).toBe(StoreErrorCode.DB_NEWER_THAN_APP);
    expect(migrationStatus(d, MIGRATIONS).newerThanApp).toBe(true);
  });

  it('names each drift validate finds: missing index, extra column, missing foreign key, dropped trigger, lost CHECK', () => {
    const d = db();
    migrate(d, MIGRATIONS);
    d.exec(`DROP INDEX outbox_record_idx; ALTER TABLE agents ADD COLUMN nickname TEXT; DROP TRIGGER audit_log_no_delete;
      CREATE TABLE t2 AS SELECT * FROM consents; DROP TABLE consents;
      CREATE TABLE consents (id TEXT PRIMARY KEY, kyc_record_id TEXT, session_id TEXT NOT NULL, purpose TEXT NOT NULL, text_version_hash TEXT NOT NULL, language TEXT NOT NULL, channel TEXT NOT NULL, granted INTEGER NOT NULL, agent_id TEXT NOT NULL, device_id TEXT, given_at TEXT NOT NULL, withdrawn_at TEXT);
      CREATE INDEX consents_record_idx ON consents (kyc_record_id); CREATE INDEX consents_session_idx ON consents (session_id, purpose); DROP TABLE t2;`);
    const { ok, problems } = validateSchema(d, MIGRATIONS);
    expect(ok).toBe(false);
    expect(problems).toEqual(expect.arrayContaining([
      'index outbox_record_idx on outbox is missing',
      'column agents.nickname is not expected',
      'trigger audit_log_no_delete on audit_log is missing',
      'foreign key consents.kyc_record_id -> kyc_records(id) is missing',
      "check CHECK (channel IN ('screen_tap', 'signature_pad', 'paper_scan', 'read_out')) on consents is missing",
    ]));
    expect(problems).toHaveLength(5);
  });

  it('leaves the database at the previous version when a migration fails half-way', () => {
    const d = db();
    const broken: Migration = { version: LATEST_VERSION + 1, name: 'broken', up: (x) => { x.exec('CREATE TABLE half_done (id INTEGER)'); x.exec('THIS IS NOT SQL'); }, down: () => {} };
    expect(code(() => migrate(d, [...MIGRATIONS, broken]))).toBe(StoreErrorCode.MIGRATION_FAILED);
    expect(schemaVersion(d)).toBe(LATEST_VERSION);
    expect(d.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'half_done'`).pluck().get()).toBe(0);
  });
});
