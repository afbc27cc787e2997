/**
 * Batch ingestion: each item applies exactly once (idempotency key per device,
 * replayed keys answer "duplicate"), in the kiosk's outbox order, in one
 * transaction per batch under a lock on the device's chain head. Each item is
 * validated alone (422 reason per item); an audit entry that does not continue
 * the device's chain aborts the batch with 409 naming its sequence.
 * Round trips per batch: the lock, one read (keys already applied, KYC rows
 * referred to), one bulk write (bulk.ts), plus BEGIN/COMMIT. The per-item
 * writer (apply.ts) takes over when the bulk statement cannot be used.
 */
import { createHash } from 'node:crypto';
import { SyncItemSchema, type AuditEntryPayload, type SyncItem, type SyncItemResult, type SyncBatchResponse } from '../../../src/shared/sync/items';
import { canonicalJson } from '../../../src/shared/sync/signing';
import { HttpError } from '../auth/errors';
import { replayError, type PendingNonce } from '../auth/verify';
import type { FieldCipher } from '../crypto/fields';
import type { Database, Queryable } from '../db/database';
import type { ServerMetrics } from '../metrics';
import { auditEntryHash } from './chain';
import { applyAmlAssessment, applyApiRequest, applyKycRecord } from './apply';
import { BulkWriter, RepeatedInBatch } from './bulk';
import { kycIdFor } from './rows';

export const itemBodyHash = (raw: unknown) => createHash('sha256').update(canonicalJson(raw)).digest('hex');

function firstIssue(error: { issues: Array<{ path: PropertyKey[]; message: string }> }): string {
  const i = error.issues[0];
  return i ? `${i.path.map(String).join('.') || 'item'}: ${i.message}` : 'invalid item';
}

/** An item as received: hashed and validated once, before the transaction (and reused if the batch is redone). */
interface Prepared {
  key: string;
  seq: number;
  kind: string;
  bodyHash: string;
  item?: SyncItem;
  invalid?: string;
}

const isConstraintError = (e: unknown) => {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('23') || code === '21000');
};

export interface IngestorOptions {
  /** Write each batch in one statement (bulk.ts); false: item by item, as the fallback does. */
  bulk?: boolean;
}

export class Ingestor {
  private readonly lastSeenWritten = new Map<string, number>();
  private readonly bulk: boolean;

  constructor(private readonly db: Database, private readonly cipher: FieldCipher, private readonly metrics: ServerMetrics, options: IngestorOptions = {}) {
    this.bulk = options.bulk ?? true;
  }

  /** `nonce`: the request's, stored in the batch's transaction; already stored answers E_AUTH_REPLAY and applies nothing. */
  async ingest(deviceId: string, rawItems: Array<Record<string, unknown>>, nonce?: PendingNonce): Promise<{ status: number; body: SyncBatchResponse }> {
    for (let i = 1; i < rawItems.length; i++) {
      if (Number(rawItems[i]!.seq) <= Number(rawItems[i - 1]!.seq)) {
        throw new HttpError(400, 'E_SYNC_ORDER', 'Items must be sent in ascending outbox sequence.', { seq: rawItems[i]!.seq });
      }
    }
    const now = Date.now();
    const oldest = Math.min(...rawItems.map((r) => Date.parse(String(r.createdAt))).filter(Number.isFinite));
    const prepared = rawItems.map((raw): Prepared => {
      const base = { key: String(raw.key), seq: Number(raw.seq), kind: String(raw.kind), bodyHash: itemBodyHash(raw) };
      const parsed = SyncItemSchema.safeParse(raw);
      return parsed.success ? { ...base, item: parsed.data } : { ...base, invalid: firstIssue(parsed.error) };
    });
    // A database constraint an item breaks (say, a reused assessment id) aborts the transaction; the batch is
    // then redone item by item, and again with that item rejected, so one bad item never blocks the rest.
    const forced = new Map<string, { code: string; reason: string }>();
    let bulk = this.bulk;
    let results: SyncBatchResponse;
    for (;;) {
      try {
        results = await this.db.transaction(async (tx) => this.applyBatch(tx, deviceId, prepared, forced, bulk, nonce));
        this.metrics.batchWrites.inc({ writer: bulk ? 'bulk' : 'item' });
        break;
      } catch (e) {
        if (bulk && (e instanceof RepeatedInBatch || isConstraintError(e))) {
          bulk = false;
          continue;
        }
        if (!(e instanceof ItemConstraintError) || forced.has(e.key)) throw e instanceof ItemConstraintError ? e.cause : e;
        forced.set(e.key, { code: 'E_SYNC_CONFLICT', reason: e.message });
      }
    }
    for (const [i, r] of results.results.entries()) {
      const kind = prepared[i]!.kind;
      this.metrics.itemsIngested.inc({ kind: SyncItemKinds.has(kind) ? kind : 'unknown', outcome: r.outcome });
      if (r.outcome === 'rejected') this.metrics.rejections.inc({ code: r.code ?? 'E_SYNC_INVALID' });
    }
    if (Number.isFinite(oldest)) this.metrics.deviceLag.set({ device: deviceId }, Math.max(0, (now - oldest) / 1000));
    const rejected = results.results.some((r) => r.outcome === 'rejected');
    return { status: rejected ? 422 : 200, body: results };
  }

  private async applyBatch(tx: Queryable, deviceId: string, items: Prepared[], forced: Map<string, { code: string; reason: string }>, bulk: boolean, nonce: PendingNonce | undefined): Promise<SyncBatchResponse> {
    // The lock comes first, in its own statement: everything read after it sees the device's last committed batch.
    // The request's nonce is stored in the same statement, before the lock (the WHERE clause's init plan runs first),
    // so two copies of one request never wait on each other in opposite orders.
    const head = (await tx.query<{ last_seq: number; last_hash: string; last_outbox_seq: number; fresh: boolean }>(
      `WITH stored AS (INSERT INTO request_nonces (device_id, nonce, expires_at) SELECT $1, $2, $3 WHERE $2::text IS NOT NULL ON CONFLICT DO NOTHING RETURNING 1),
            n AS (SELECT count(*) AS c FROM stored)
       SELECT last_seq, last_hash, last_outbox_seq, (SELECT c FROM n) > 0 AS fresh FROM device_chain_heads
        WHERE device_id = $1 AND (SELECT c FROM n) >= 0 FOR UPDATE`,
      [deviceId, nonce?.nonce ?? null, nonce?.expiresAt ?? null], { name: 'ingest-lock-head' },
    )).rows[0];
    if (!head) throw new HttpError(401, 'E_AUTH_UNKNOWN_DEVICE', 'This device is not enrolled.');
    if (nonce && !head.fresh) throw replayError();
    let chainSeq = Number(head.last_seq);
    let chainHash = head.last_hash;
    let maxOutboxSeq = Number(head.last_outbox_seq);

    // One read for the keys already applied and (bulk) the KYC records the batch refers to.
    const kycIds = bulk ? [...new Set(items.flatMap((p) => referencedKyc(deviceId, p.item)))] : [];
    const { rows: seenRows } = await tx.query<{ t: string; id: string; a: string; b: string | null }>(
      `SELECT 'key' AS t, key AS id, body_hash AS a, NULL AS b FROM idempotency_keys WHERE device_id = $1 AND key = ANY($2::text[])
       UNION ALL SELECT 'kyc', id::text, status, user_id::text FROM kyc WHERE id = ANY($3::uuid[])`,
      [deviceId, items.map((p) => p.key), kycIds], { name: 'ingest-read-known' },
    );
    const known = new Map(seenRows.filter((r) => r.t === 'key').map((r) => [r.id, r.a]));
    const knownKyc = new Map(seenRows.filter((r) => r.t === 'kyc').map((r) => [r.id, { status: r.a, userId: r.b! }]));
    let writer = bulk ? new BulkWriter(deviceId, this.cipher, knownKyc) : undefined;

    const results: SyncItemResult[] = [];
    const auditRows: AuditEntryPayload[] = [];
    const applied: Array<{ key: string; kind: string; seq: number; hash: string }> = [];
    for (const { key, seq, bodyHash, item, invalid } of items) {
      const previous = known.get(key);
      if (previous !== undefined) {
        results.push(previous === bodyHash
          ? { key, seq, outcome: 'duplicate' }
          : { key, seq, outcome: 'rejected', code: 'E_SYNC_KEY_REUSED', reason: 'This idempotency key was already applied with a different body.' });
        continue;
      }
      const force = forced.get(key);
      if (force) {
        results.push({ key, seq, outcome: 'rejected', ...force });
        continue;
      }
      if (!item) {
        results.push({ key, seq, outcome: 'rejected', code: 'E_SYNC_INVALID', reason: invalid ?? 'invalid item' });
        continue;
      }
      if (item.kind === 'audit.entry') {
        const e = item.payload;
        const problem = e.seq !== chainSeq + 1 ? `Audit entry ${e.seq} does not follow ${chainSeq}.`
          : e.prevHash !== chainHash ? `Audit entry ${e.seq} does not link to the hash of entry ${chainSeq}.`
            : auditEntryHash(e) !== e.hash ? `Audit entry ${e.seq} does not match its own hash (edited).` : undefined;
        if (problem) {
          this.metrics.chainBreaks.inc();
          throw new HttpError(409, 'E_SYNC_CHAIN_BREAK', problem, { firstBadSequence: e.seq, key, expected: { seq: chainSeq + 1, prevHash: chainHash } });
        }
      }
      try {
        // Audit entries are written together at the end of the batch (one statement): the chain check above is what matters per entry.
        if (item.kind === 'audit.entry') auditRows.push(item.payload);
        else if (writer) {
          try {
            this.collect(writer, item);
          } catch (e) {
            if (!(e instanceof RepeatedInBatch)) throw e;
            // A row this statement already writes: write what it has, and start the next (a repeat inside one item
            // throws again, and the batch goes to the per-item writer).
            await writer.flush(tx);
            writer = new BulkWriter(deviceId, this.cipher, knownKyc);
            this.collect(writer, item);
          }
        }
        else await this.applyOne(tx, deviceId, item);
      } catch (e) {
        if (e instanceof HttpError && e.status === 422) {
          results.push({ key, seq, outcome: 'rejected', code: e.code, reason: e.message });
          continue;
        }
        if (!writer && isConstraintError(e)) {
          const pgCode = (e as { code: string }).code;
          throw new ItemConstraintError(key, `The item conflicts with data the server holds (${pgCode === '23505' ? 'duplicate id' : 'constraint'}).`, e);
        }
        throw e;
      }
      if (item.kind === 'audit.entry') {
        chainSeq = item.payload.seq;
        chainHash = item.payload.hash;
      } else maxOutboxSeq = Math.max(maxOutboxSeq, seq);
      known.set(key, bodyHash);
      applied.push({ key, kind: item.kind, seq, hash: bodyHash });
      results.push({ key, seq, outcome: 'applied' });
    }
    // last_seen at most once a minute per device: it is a liveness hint, not worth a write per batch.
    const touchLastSeen = Date.now() - (this.lastSeenWritten.get(deviceId) ?? 0) > 60_000;
    if (touchLastSeen) this.lastSeenWritten.set(deviceId, Date.now());
    if (writer) {
      await writer.flush(tx, { auditRows, applied, head: { seq: chainSeq, hash: chainHash, outboxSeq: maxOutboxSeq }, touchLastSeen });
      return { results, chain: { seq: chainSeq, hash: chainHash } };
    }
    if (auditRows.length > 0) {
      await tx.query(
        `INSERT INTO audit_entries (device_id, seq, prev_hash, hash, event, actor, entity_ref, details, occurred_at)
         SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::timestamptz[])`,
        [deviceId, auditRows.map((a) => a.seq), auditRows.map((a) => a.prevHash), auditRows.map((a) => a.hash), auditRows.map((a) => a.action),
          auditRows.map((a) => a.agentId ?? 'system'), auditRows.map((a) => a.subjectRef), auditRows.map((a) => JSON.stringify(a.details)), auditRows.map((a) => a.at)],
      );
    }
    if (applied.length > 0) {
      await tx.query(
        `INSERT INTO idempotency_keys (device_id, key, kind, outbox_seq, body_hash)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::text[])`,
        [deviceId, applied.map((a) => a.key), applied.map((a) => a.kind), applied.map((a) => a.seq), applied.map((a) => a.hash)],
      );
    }
    await tx.query(
      'UPDATE device_chain_heads SET last_seq = $2, last_hash = $3, last_outbox_seq = $4, updated_at = now() WHERE device_id = $1',
      [deviceId, chainSeq, chainHash, maxOutboxSeq],
    );
    if (touchLastSeen) await tx.query('UPDATE devices SET last_seen_at = now() WHERE id = $1', [deviceId]);
    return { results, chain: { seq: chainSeq, hash: chainHash } };
  }

  private collect(writer: BulkWriter, item: Exclude<SyncItem, { kind: 'audit.entry' }>): void {
    switch (item.kind) {
      case 'kyc.record': return writer.kycRecord(item.payload);
      case 'aml.assessment': return writer.amlAssessment(item.payload);
      case 'api.request': return writer.apiRequest(item.payload);
    }
  }

  private async applyOne(tx: Queryable, deviceId: string, item: Exclude<SyncItem, { kind: 'audit.entry' }>): Promise<void> {
    switch (item.kind) {
      case 'kyc.record': return applyKycRecord(tx, deviceId, item.payload, this.cipher);
      case 'aml.assessment': return applyAmlAssessment(tx, deviceId, item.payload);
      case 'api.request': return applyApiRequest(tx, deviceId, item.payload);
    }
  }

  /** What the server holds for a device: item count, a checksum over (key, body hash), and the chain verified link by link. */
  async digest(deviceId: string): Promise<{ count: number; checksum: string; chain: { seq: number; hash: string; verified: boolean; firstBadSequence?: number } }> {
    const keys = await this.db.query<{ key: string; body_hash: string }>(
      'SELECT key, body_hash FROM idempotency_keys WHERE device_id = $1 ORDER BY key', [deviceId],
    );
    const checksum = createHash('sha256');
    for (const r of keys.rows) checksum.update(`${r.key}:${r.body_hash}\n`);
    const entries = await this.db.query<{ seq: number; prev_hash: string; hash: string }>(
      'SELECT seq, prev_hash, hash FROM audit_entries WHERE device_id = $1 ORDER BY seq', [deviceId],
    );
    let prev = '0'.repeat(64);
    let expectSeq = 1;
    let firstBad: number | undefined;
    for (const e of entries.rows) {
      if (Number(e.seq) !== expectSeq || e.prev_hash !== prev) {
        firstBad = Number(e.seq);
        break;
      }
      prev = e.hash;
      expectSeq++;
    }
    return {
      count: keys.rows.length,
      checksum: checksum.digest('hex'),
      chain: { seq: expectSeq - 1, hash: prev, verified: firstBad === undefined, ...(firstBad !== undefined ? { firstBadSequence: firstBad } : {}) },
    };
  }
}

/** The KYC rows an item writes or links to (their ids), read before a bulk write. */
function referencedKyc(deviceId: string, item: SyncItem | undefined): string[] {
  switch (item?.kind) {
    case 'kyc.record': return [kycIdFor(deviceId, item.payload.record.id)];
    case 'aml.assessment': return [kycIdFor(deviceId, item.payload.kycRecordId)];
    case 'api.request': return item.payload.kycId ? [kycIdFor(deviceId, item.payload.kycId)] : [];
    default: return [];
  }
}

class ItemConstraintError extends Error {
  constructor(readonly key: string, message: string, override readonly cause: unknown) {
    super(message);
  }
}

const SyncItemKinds = new Set(['kyc.record', 'audit.entry', 'aml.assessment', 'api.request']);
