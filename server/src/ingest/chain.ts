/**
 * The kiosk audit chain's hash, recomputed on the server. It must stay the
 * same formula as `entryHash` in src/main/store/audit/chain.ts (which server/
 * may not import): SHA-256 over the JSON array of the previous hash and the
 * entry's fields, details as their JSON text. The fault suite checks both
 * sides agree on real entries.
 */
import { createHash } from 'node:crypto';
import type { AuditEntryPayload } from '../../../src/shared/sync/items';

export function auditEntryHash(e: Omit<AuditEntryPayload, 'hash'>): string {
  return createHash('sha256')
    .update(JSON.stringify([e.prevHash, e.seq, e.at, e.agentId, e.action, e.subjectRef, JSON.stringify(e.details)]))
    .digest('hex');
}
