/** Store rows to the wire shapes of src/shared/sync/items.ts. */
import type { SyncItemKind } from '../../shared/sync/items';
import type { AuditEntryRow, OutboxRow } from './ports';

/** Outbox record types (the store's names) to sync item kinds. */
const KIND: Record<string, SyncItemKind> = {
  kyc_record: 'kyc.record',
  aml_assessment: 'aml.assessment',
  api_request: 'api.request',
};

export function outboxItem(row: OutboxRow): Record<string, unknown> {
  return {
    key: row.idempotencyKey,
    seq: row.id,
    // An unknown record type goes as is: the server rejects it with a reason the agent can see.
    kind: KIND[row.recordType] ?? row.recordType,
    createdAt: row.createdAt,
    payload: row.payload,
  };
}

/** Audit entries travel with a key made from their sequence, so a resend is recognised. */
export function auditItem(e: AuditEntryRow): Record<string, unknown> {
  return {
    key: `audit-${String(e.seq).padStart(10, '0')}`,
    seq: e.seq,
    kind: 'audit.entry',
    createdAt: e.at,
    payload: { seq: e.seq, at: e.at, agentId: e.agentId, action: e.action, subjectRef: e.subjectRef, details: e.details, prevHash: e.prevHash, hash: e.hash },
  };
}
