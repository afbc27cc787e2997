import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/db';
import type { Database } from '../database';
import { ingestion } from './002_ingestion';

describe('migration 002 ingestion tables (real PostgreSQL)', () => {
  let db: Database;
  beforeAll(async () => {
    db = (await freshDatabase()).db;
    await db.exec(ingestion.up);
  });
  afterAll(() => db.close());

  it('keys idempotency per device and refuses a second row for the same key', async () => {
    await db.query(`INSERT INTO devices (id, name, branch_id, public_key) VALUES ('d1', 'k', 'b', 'pk'), ('d2', 'k', 'b', 'pk')`);
    const insert = (device: string) =>
      db.query(`INSERT INTO idempotency_keys (device_id, key, kind, outbox_seq, body_hash) VALUES ($1, 'k1', 'audit.entry', 1, 'h')`, [device]);
    await insert('d1');
    await insert('d2');
    await expect(insert('d1')).rejects.toThrow(/duplicate key/);
  });

  it('refuses a second audit entry at the same sequence, and revoking status is constrained', async () => {
    const entry = () => db.query(`INSERT INTO audit_entries (device_id, seq, prev_hash, hash, event, actor, occurred_at) VALUES ('d1', 1, 'a', 'b', 'e', 'x', now())`);
    await entry();
    await expect(entry()).rejects.toThrow(/duplicate key/);
    await expect(db.query(`UPDATE devices SET status = 'lost' WHERE id = 'd1'`)).rejects.toThrow(/check/i);
  });

  it('deleting a device cascades to its keys, nonces, chain head and entries', async () => {
    await db.query(`INSERT INTO device_chain_heads (device_id, last_seq, last_hash) VALUES ('d1', 1, 'b')`);
    await db.query(`INSERT INTO request_nonces (device_id, nonce, expires_at) VALUES ('d1', 'n', now())`);
    await db.query(`DELETE FROM devices WHERE id = 'd1'`);
    const { rows } = await db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM idempotency_keys WHERE device_id = 'd1') + (SELECT count(*) FROM audit_entries) + (SELECT count(*) FROM device_chain_heads) + (SELECT count(*) FROM request_nonces) AS n`,
    );
    expect(Number(rows[0]!.n)).toBe(0);
    await db.exec(ingestion.down);
    const t = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`);
    expect(t.rows[0]!.n).toBe(0);
  });
});
