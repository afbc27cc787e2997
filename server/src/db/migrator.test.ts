import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/db';
import type { Database } from './database';
import { MigrationError, Migrator } from './migrator';

describe('migration runner on real PostgreSQL: migrate, status, validate, rollback', () => {
  let db: Database;
  let m: Migrator;
  beforeAll(async () => {
    db = (await freshDatabase()).db;
    m = new Migrator(db);
  });
  afterAll(() => db.close());

  it('starts with everything pending and an invalid schema', async () => {
    expect((await m.status()).every((s) => s.state === 'pending')).toBe(true);
    const v = await m.validate();
    expect(v.ok).toBe(false);
    expect(v.problems.some((p) => p.table === 'aadhaar_verifications' && p.problem === 'table is missing')).toBe(true);
  });

  it('migrates, is idempotent, and validates', async () => {
    expect(await m.migrate()).toEqual([1, 2]);
    expect(await m.migrate()).toEqual([]);
    expect((await m.status()).map((s) => s.state)).toEqual(['applied', 'applied']);
    expect(await m.validate()).toMatchObject({ ok: true, problems: [] });
  });

  it('validate notices a dropped index, an extra column and a changed ON DELETE rule', async () => {
    await db.exec(`DROP INDEX idx_otp_attempts_created_at; ALTER TABLE kyc ADD COLUMN extra TEXT;
      ALTER TABLE otp_attempts DROP CONSTRAINT otp_attempts_verification_id_fkey,
        ADD CONSTRAINT otp_attempts_verification_id_fkey FOREIGN KEY (verification_id) REFERENCES aadhaar_verifications (id);`);
    const problems = (await m.validate()).problems.map((p) => `${p.table}: ${p.problem}`);
    expect(problems).toEqual(expect.arrayContaining([
      'otp_attempts: index idx_otp_attempts_created_at is missing',
      'kyc: has 14 columns, expected 13',
      'otp_attempts: foreign key verification_id -> aadhaar_verifications is ON DELETE NO ACTION, expected CASCADE',
    ]));
  });

  it('rollback refuses in production and undoes the newest migration otherwise', async () => {
    await expect(m.rollback({ production: true })).rejects.toMatchObject({ code: 'E_DB_ROLLBACK_IN_PRODUCTION' });
    await expect(m.rollback({ production: true })).rejects.toBeInstanceOf(MigrationError);
    expect(await m.rollback({ production: false })).toEqual([2]);
    expect((await m.status()).map((s) => s.state)).toEqual(['applied', 'pending']);
    const t = await db.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'devices'`);
    expect(t.rowCount).toBe(0);
  });

  it('refuses a database newer than the server', async () => {
    await db.query(`INSERT INTO schema_migrations (version, name, checksum) VALUES (99, 'future', 'x')`);
    await expect(m.migrate()).rejects.toMatchObject({ code: 'E_DB_TOO_NEW' });
  });
});
