/**
 * Realistic outbox items for tests, the fault suite, the load test and the
 * benchmark: KYC records, AML assessments, API request logs and a per-device
 * audit hash chain. Test residents only; Aadhaar appears as last 4 + a vault ref.
 */
import { createHash, randomUUID } from 'node:crypto';
import { GENESIS_HASH, type SyncItem } from '../../src/shared/sync/items';
import { canonicalJson } from '../../src/shared/sync/signing';

export class ItemFactory {
  private seq = 0;
  private chainSeq = 0;
  private chainHash = GENESIS_HASH;
  private lastKyc: { kycId: string; customerId: string } | undefined;

  constructor(private readonly prefix = randomUUID().slice(0, 8)) {}

  private base<K extends SyncItem['kind']>(kind: K) {
    this.seq++;
    return { key: `${this.prefix}-${String(this.seq).padStart(8, '0')}`, seq: this.seq, kind, createdAt: new Date().toISOString() };
  }

  kyc(): SyncItem {
    const kycId = randomUUID();
    const customerId = randomUUID();
    this.lastKyc = { kycId, customerId };
    return {
      ...this.base('kyc.record'),
      payload: {
        kycId, customerId, branchId: 'BR-001', agentId: 'agent-7', method: 'offline_qr', status: 'verified', riskLevel: 'low',
        capturedAt: new Date().toISOString(), decidedAt: new Date().toISOString(),
        customer: { fullName: `Test Resident ${this.seq}`, dob: '1990-01-01', gender: 'F', address: '12 MG Road, Pune', mobile: '9876543210', aadhaarLast4: '1234', aadhaarRef: `vault-${this.seq}` },
        verification: { verificationId: randomUUID(), method: 'offline_qr', status: 'verified', consentRef: `consent-${this.seq}`, attemptCount: 0, verifiedAt: new Date().toISOString() },
      },
    };
  }

  aml(): SyncItem {
    const k = this.lastKyc ?? { kycId: randomUUID(), customerId: randomUUID() };
    return {
      ...this.base('aml.assessment'),
      payload: { assessmentId: randomUUID(), ...k, listVersion: 'un-2025-01', riskScore: 12.5, riskLevel: 'low', decision: 'clear', hits: [], assessedAt: new Date().toISOString() },
    };
  }

  apiRequest(): SyncItem {
    return {
      ...this.base('api.request'),
      payload: { requestId: randomUUID(), provider: 'idfy', endpoint: '/v3/tasks/sync/verify_with_source/ind_pan', method: 'POST', statusCode: 200, durationMs: 240, requestedAt: new Date().toISOString() },
    };
  }

  audit(event = 'kyc.saved'): SyncItem {
    const entry = { seq: this.chainSeq + 1, prevHash: this.chainHash, at: new Date().toISOString(), event, actor: 'agent-7', entityRef: `kyc-${this.seq + 1}` };
    const hash = createHash('sha256').update(canonicalJson(entry)).digest('hex');
    this.chainSeq++;
    this.chainHash = hash;
    return { ...this.base('audit.entry'), payload: { ...entry, hash } };
  }

  /** A mix in capture order: each onboarding is a KYC record, its AML assessment, an API log and audit entries. */
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
