/**
 * Realistic outbox items for tests, the fault suite, the load test and the
 * benchmark, in the wire shapes of src/shared/sync/items.ts: onboardings as the
 * kiosk store ships them, AML re-screens, API request logs and a hash-chained
 * audit log (the store's formula). Test residents only; Aadhaar appears as
 * last 4 digits, a masked number and a vault reference.
 */
import { createHash, randomUUID } from 'node:crypto';
import { GENESIS_HASH, type SyncItem } from '../../src/shared/sync/items';
import { canonicalJson } from '../../src/shared/sync/signing';

/** The store's audit entry hash (src/main/store/audit/chain.ts entryHash). */
export function storeAuditHash(prevHash: string, seq: number, at: string, agentId: string | null, action: string, subjectRef: string | null, details: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify([prevHash, seq, at, agentId, action, subjectRef, JSON.stringify(details)])).digest('hex');
}

export class ItemFactory {
  private seq = 0;
  private chainSeq = 0;
  private chainHash = GENESIS_HASH;
  private lastRecordId: string | undefined;

  constructor(private readonly prefix = randomUUID().slice(0, 8)) {}

  private base<K extends SyncItem['kind']>(kind: K) {
    this.seq++;
    return { key: `${this.prefix}-${String(this.seq).padStart(8, '0')}`, seq: this.seq, kind, createdAt: new Date().toISOString() };
  }

  kyc(): SyncItem {
    const id = randomUUID();
    this.lastRecordId = id;
    const now = new Date().toISOString();
    return {
      ...this.base('kyc.record'),
      payload: {
        record: {
          id, reference: `VDX-${this.seq}`, branchId: 'BR-001', agentId: 'agent-7', deviceId: null, method: 'qr', status: 'approved', statusReason: null,
          customerName: `Test Resident ${this.seq}`, dateOfBirth: '1990-01-01', gender: 'F', mobileLast4: '3210', aadhaarLast4: '1234',
          aadhaarKeyedHash: createHash('sha256').update(id).digest('hex'), aadhaarVaultRef: `vault-${this.seq}`, details: { channel: 'kiosk' },
          submittedAt: now, verifiedAt: now,
        },
        verifications: [{
          id: randomUUID(), transactionId: `txn-${this.seq}`, referenceId: null, method: 'qr', verificationStatus: 'verified', attempts: 0,
          aadhaarMasked: 'XXXX XXXX 1234', aadhaarVaultRef: `vault-${this.seq}`, address: { district: 'Pune', state: 'Maharashtra' }, photoRef: null,
          failureReason: null, createdAt: now, verifiedAt: now,
        }],
        amlAssessments: [{ id: randomUUID(), subjectRef: id, riskScore: 12.5, riskLevel: 'LOW', matchCount: 0, strongMatchCount: 0, listVersions: { un: '2025-01' }, matches: [], disposition: null, screenedAt: now }],
        consents: [{ id: `consent-${this.seq}`, purpose: 'offline_verification', granted: true, givenAt: now }],
      },
    };
  }

  aml(): SyncItem {
    return {
      ...this.base('aml.assessment'),
      payload: {
        kycRecordId: this.lastRecordId ?? randomUUID(),
        assessment: { id: randomUUID(), subjectRef: 'rescreen', riskScore: 40, riskLevel: 'MEDIUM', matchCount: 1, strongMatchCount: 0, listVersions: { un: '2025-02' }, matches: [], disposition: null, screenedAt: new Date().toISOString() },
      },
    };
  }

  apiRequest(): SyncItem {
    return {
      ...this.base('api.request'),
      payload: { requestId: randomUUID(), ...(this.lastRecordId ? { kycId: this.lastRecordId } : {}), provider: 'idfy', endpoint: '/v3/tasks/sync/verify_with_source/ind_pan', method: 'POST', statusCode: 200, durationMs: 240, requestedAt: new Date().toISOString() },
    };
  }

  audit(action = 'kyc.record.saved'): SyncItem {
    const seq = this.chainSeq + 1;
    const at = new Date().toISOString();
    const details = { outboxId: this.seq + 1 };
    const hash = storeAuditHash(this.chainHash, seq, at, 'agent-7', action, this.lastRecordId ?? null, details);
    const payload = { seq, at, agentId: 'agent-7', action, subjectRef: this.lastRecordId ?? null, details, prevHash: this.chainHash, hash };
    this.chainSeq = seq;
    this.chainHash = hash;
    return { ...this.base('audit.entry'), payload };
  }

  /** A mix in capture order: each onboarding is a KYC record, an AML re-screen, an API log and audit entries. */
  mixed(n: number): SyncItem[] {
    const out: SyncItem[] = [];
    const makers = [() => this.kyc(), () => this.aml(), () => this.audit(), () => this.apiRequest(), () => this.audit('kyc.synced')];
    for (let i = 0; out.length < n; i++) out.push(makers[i % makers.length]!());
    return out;
  }
}

/** Same digest the server's `/v1/admin/devices/:id/digest` computes over what it applied. */
export function itemsChecksum(items: unknown[]): { count: number; checksum: string } {
  const rows = items
    .map((raw) => ({ key: String((raw as { key: string }).key), hash: createHash('sha256').update(canonicalJson(raw)).digest('hex') }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const h = createHash('sha256');
  for (const r of rows) h.update(`${r.key}:${r.hash}\n`);
  return { count: rows.length, checksum: h.digest('hex') };
}
