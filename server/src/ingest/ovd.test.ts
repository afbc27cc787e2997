/**
 * An OVD (alternate-ID) onboarding from a kiosk (method 'ovd', no Aadhaar verification rows, consent read
 * out): the shared sync schema accepts it and both writers store kyc.method 'ovd' on real PostgreSQL, which
 * migration 001's CHECK already allows (so no server migration is needed for it).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ItemFactory } from '../../../test/support/sync-items';
import { GENESIS_HASH, SyncItemSchema, type SyncItem } from '../../../src/shared/sync/items';
import { freshDatabase } from '../../test/db';
import { FieldCipher } from '../crypto/fields';
import type { Database } from '../db/database';
import { Migrator } from '../db/migrator';
import { createMetrics } from '../metrics';
import { Ingestor } from './ingest';

const DEVICE = 'dev_ovd';

function ovdItem(f: ItemFactory): SyncItem {
  const item = structuredClone(f.kyc()) as SyncItem & { payload: { record: Record<string, unknown>; verifications: unknown[]; consents: Array<Record<string, unknown>> } };
  Object.assign(item.payload.record, { method: 'ovd', aadhaarLast4: null, aadhaarKeyedHash: null, aadhaarVaultRef: null, details: { kioskMethod: 'alternate-id' } });
  item.payload.verifications = [];
  item.payload.consents = item.payload.consents.map((c) => ({ ...c, channel: 'read_out' }));
  return item;
}

describe('an OVD onboarding reaches the central API', () => {
  let db: Database;

  beforeAll(async () => {
    ({ db } = await freshDatabase());
    await new Migrator(db).migrate();
    await db.query(`INSERT INTO devices (id, name, branch_id, public_key) VALUES ($1, 'k', 'BR-1', 'unused')`, [DEVICE]);
    await db.query('INSERT INTO device_chain_heads (device_id, last_seq, last_hash) VALUES ($1, 0, $2)', [DEVICE, GENESIS_HASH]);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('is valid on the wire and stored as method ovd by the bulk and the per-item writer', async () => {
    const f = new ItemFactory('ovd00000');
    const [a, b] = [ovdItem(f), ovdItem(f)];
    expect(SyncItemSchema.safeParse(a).success).toBe(true);
    const cipher = new FieldCipher(randomBytes(32));
    for (const [item, bulk] of [[a, true], [b, false]] as const) {
      const answer = await new Ingestor(db, cipher, createMetrics(), { bulk }).ingest(DEVICE, [item] as unknown as Array<Record<string, unknown>>);
      expect(answer.body.results[0], `bulk ${bulk}`).toMatchObject({ outcome: 'applied' });
    }
    const { rows } = await db.query<{ method: string }>(`SELECT method FROM kyc ORDER BY captured_at`);
    expect(rows.map((r) => r.method)).toEqual(['ovd', 'ovd']);
    expect((await db.query(`SELECT count(*)::int AS n FROM aadhaar_verifications`)).rows[0]).toEqual({ n: 0 });
  });
});
