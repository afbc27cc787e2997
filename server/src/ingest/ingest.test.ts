/**
 * The bulk writer (one statement per batch) against the per-item writer, on
 * real PostgreSQL: the same batches, including the cases the bulk statement
 * hands back (a record repeated within a batch, a constraint to pin on one
 * item), must give the same answers and leave the same rows.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ItemFactory } from '../../../test/support/sync-items';
import { GENESIS_HASH, type SyncItem } from '../../../src/shared/sync/items';
import { freshDatabase } from '../../test/db';
import { FieldCipher } from '../crypto/fields';
import type { Database } from '../db/database';
import { Migrator } from '../db/migrator';
import { createMetrics } from '../metrics';
import { Ingestor } from './ingest';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

const DEVICE = 'dev_bulk_equivalence';
const cipher = new FieldCipher(randomBytes(32));

/** Every table ingestion writes, personal data decrypted, server-side clocks and serial ids left out. */
async function dump(db: Database): Promise<Record<string, unknown[]>> {
  const tables: Record<string, string> = {
    users: 'id', user_profiles: 'user_id', kyc: 'id', kyc_logs: 'kyc_id, id', aadhaar_verifications: 'id', aml_assessments: 'id',
    api_requests: 'id', audit_entries: 'seq', idempotency_keys: 'key', device_chain_heads: 'device_id',
  };
  const out: Record<string, unknown[]> = {};
  for (const [table, order] of Object.entries(tables)) {
    const { rows } = await db.query<Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY ${order}`);
    out[table] = rows.map((r) => Object.fromEntries(Object.entries(r)
      .filter(([k]) => !['created_at', 'updated_at', 'applied_at', 'received_at'].includes(k) && !(table === 'kyc_logs' && k === 'id'))
      .map(([k, v]) => [k, k.endsWith('_enc') && v ? cipher.decrypt(v as Uint8Array) : v])));
  }
  return out;
}

describe('bulk ingestion writes what item-by-item ingestion writes', () => {
  const dbs: Database[] = [];
  let bulk: Ingestor;
  let single: Ingestor;
  const [bulkMetrics, singleMetrics] = [createMetrics(), createMetrics()];

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const { db } = await freshDatabase();
      await new Migrator(db).migrate();
      await db.query(`INSERT INTO devices (id, name, branch_id, public_key) VALUES ($1, 'k', 'BR-1', 'unused')`, [DEVICE]);
      await db.query('INSERT INTO device_chain_heads (device_id, last_seq, last_hash) VALUES ($1, 0, $2)', [DEVICE, GENESIS_HASH]);
      dbs.push(db);
    }
    bulk = new Ingestor(dbs[0]!, cipher, bulkMetrics, { bulk: true });
    single = new Ingestor(dbs[1]!, cipher, singleMetrics, { bulk: false });
  });
  afterAll(async () => {
    for (const db of dbs) await db.close();
  });

  it('gives the same answers and rows for mixed, repeated, re-sent, orphaned, conflicting and invalid items', async () => {
    const f = new ItemFactory('eqv00000');
    let seq = 0;
    let n = 0;
    /** Renumbered in send order; a fresh key per copy. */
    const send = (items: SyncItem[]) => items.map((i) => ({ ...i, seq: ++seq }));
    const copy = (item: SyncItem, change: (p: Loose) => void): SyncItem => {
      const c = structuredClone(item) as Loose;
      c.key = `eqv-copy-${++n}`;
      change(c.payload);
      return c;
    };
    const pending = f.kyc();
    (pending as Loose).payload.record.status = 'pending';
    const orphanAml = f.aml();
    (orphanAml as Loose).payload.kycRecordId = 'not-on-the-server';
    const first = f.mixed(10);
    const api = f.apiRequest();
    const bad = f.kyc() as Loose;
    bad.payload.record.aadhaarLast4 = '12X4';
    const noLast4 = f.kyc() as Loose;
    noLast4.payload.record.aadhaarLast4 = null;
    noLast4.payload.verifications[0].aadhaarMasked = null;

    const batches: SyncItem[][] = [
      send(first),
      // Duplicates of the first batch beside new items; an AML re-screen before its record arrives; an invalid item.
      send([...first.slice(0, 3), orphanAml, bad, ...f.mixed(5), noLast4]),
      // The same record twice in one batch (pending, then approved): the bulk statement hands this batch back.
      send([pending, copy(pending, (p) => { p.record.status = 'approved'; }), f.audit()]),
      // Re-sent later with a new status: one more kyc_logs transition; and a re-screen of it.
      send([copy(pending, (p) => { p.record.status = 'rejected'; p.record.statusReason = 'document mismatch'; }), f.aml()]),
      // A second log under a request id the server already holds (a constraint on one item), beside good items.
      send([api, ...f.mixed(4), copy(api, () => undefined)]),
      // The same log id twice in one batch, the second under a new key.
      send((() => { const a = f.apiRequest(); return [a, copy(a, () => undefined), f.kyc()]; })()),
      // One record carrying the same verification twice (a repeat inside one item).
      send((() => {
        const k = f.kyc() as Loose;
        k.payload.verifications.push({ ...k.payload.verifications[0], attempts: 2 });
        return [f.apiRequest(), k];
      })()),
    ];
    for (const [i, batch] of batches.entries()) {
      const a = await bulk.ingest(DEVICE, batch as unknown as Array<Record<string, unknown>>);
      const b = await single.ingest(DEVICE, batch as unknown as Array<Record<string, unknown>>);
      expect(a, `batch ${i}`).toEqual(b);
    }
    // Batch 2 (a record twice) took two bulk statements; 4 (a log id the server holds) and 5 (a log id twice: the
    // second statement meets the first one's row) and 6 (a repeat inside one item) went to the per-item writer.
    const writes = async (m: typeof bulkMetrics) => Object.fromEntries((await m.batchWrites.get()).values.map((v) => [v.labels.writer, v.value]));
    expect(await writes(bulkMetrics)).toEqual({ bulk: 4, item: 3 });
    expect(await writes(singleMetrics)).toEqual({ item: 7 });
    const [bulkRows, singleRows] = [await dump(dbs[0]!), await dump(dbs[1]!)];
    expect(bulkRows).toEqual(singleRows);

    // And the rows say what they should (not only the same thing twice).
    expect(bulkRows.kyc_logs!.filter((l) => (l as Loose).kyc_id === bulkRows.kyc!.find((k) => (k as Loose).decision_reason === 'document mismatch')?.['id' as never]).map((l) => [(l as Loose).from_status, (l as Loose).to_status]))
      .toEqual([[null, 'pending'], ['pending', 'verified'], ['verified', 'rejected']]);
    const outcomes = (await bulk.ingest(DEVICE, send([orphanAml]) as unknown as Array<Record<string, unknown>>)).body.results;
    expect(outcomes[0]).toMatchObject({ outcome: 'rejected', code: 'E_SYNC_UNKNOWN_KYC' });
    expect(bulkRows.api_requests!.length).toBe(new Set(bulkRows.api_requests!.map((r) => (r as Loose).id)).size);
    const digest = await bulk.digest(DEVICE);
    expect(digest.chain).toMatchObject({ verified: true, seq: bulkRows.audit_entries!.length });
    expect(digest.chain.seq).toBeGreaterThan(3);
  });
});
