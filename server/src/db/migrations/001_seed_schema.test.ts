import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/db';
import type { Database } from '../database';
import { seedSchema } from './001_seed_schema';

describe('migration 001 seed schema (real PostgreSQL)', () => {
  let db: Database;
  beforeAll(async () => {
    db = (await freshDatabase()).db;
    await db.exec(seedSchema.up);
  });
  afterAll(() => db.close());

  const columns = async (table: string) =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = $1`, [table])).rows[0]!.n;
  const indexes = async (table: string) =>
    (await db.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE tablename = $1 AND indexname NOT LIKE '%_pkey'`, [table])).rows.map((r) => r.indexname);

  it('aadhaar_verifications has the seed 22 columns and 4 indexes; otp_attempts 9 and 2', async () => {
    expect(await columns('aadhaar_verifications')).toBe(22);
    expect(await indexes('aadhaar_verifications')).toHaveLength(4);
    expect(await columns('otp_attempts')).toBe(9);
    expect(await indexes('otp_attempts')).toHaveLength(2);
    expect(await columns('user_profiles')).toBeGreaterThan(0);
  });

  it('enforces the constraints and cascades deletes from users down to OTP attempts', async () => {
    const user = '00000000-0000-4000-8000-000000000001';
    await db.query(`INSERT INTO users (id) VALUES ($1)`, [user]);
    await expect(db.query(`INSERT INTO user_profiles (user_id, full_name_enc, aadhaar_verified) VALUES ($1, '\\x00', true)`, [user])).rejects.toThrow(/check/i);
    await expect(db.query(`INSERT INTO user_profiles (user_id, full_name_enc, aadhaar_last4) VALUES ($1, '\\x00', '12a4')`, [user])).rejects.toThrow(/check/i);
    await db.query(`INSERT INTO user_profiles (user_id, full_name_enc, kyc_status) VALUES ($1, '\\x00', 'pending')`, [user]);
    const v = '00000000-0000-4000-8000-0000000000a1';
    await db.query(
      `INSERT INTO aadhaar_verifications (id, user_id, device_id, method, aadhaar_last4, aadhaar_ref, status, consent_ref) VALUES ($1, $2, 'd1', 'otp', '1234', 'ref', 'pending', 'c1')`,
      [v, user],
    );
    await expect(db.query(
      `INSERT INTO otp_attempts (id, verification_id, txn_ref, attempt_no, status, device_id, expires_at) VALUES (gen_random_uuid(), $1, 't', 6, 'sent', 'd1', now())`, [v],
    )).rejects.toThrow(/check/i);
    await db.query(`INSERT INTO otp_attempts (id, verification_id, txn_ref, attempt_no, status, device_id, expires_at) VALUES (gen_random_uuid(), $1, 't', 1, 'sent', 'd1', now())`, [v]);
    await db.query(`DELETE FROM users WHERE id = $1`, [user]);
    const left = await db.query<{ n: number }>(`SELECT (SELECT count(*) FROM otp_attempts) + (SELECT count(*) FROM aadhaar_verifications) + (SELECT count(*) FROM user_profiles) AS n`);
    expect(Number(left.rows[0]!.n)).toBe(0);
  });

  it('down drops every table it created', async () => {
    await db.exec(seedSchema.down);
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`);
    expect(rows[0]!.n).toBe(0);
  });
});
