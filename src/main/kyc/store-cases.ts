/**
 * Kyc cases on the encrypted store (issue 5).
 *
 * A case being worked on (draft, captured) is session state: it lives in memory
 * with its consent rows and audit entries already on disk, and becomes a
 * `kyc_records` row only when the agent decides it (approve, refer, reject).
 * Its progress without identity evidence (step, consent, method, masked ids)
 * is kept in `kyc_drafts`, written in the transaction of each step's audit
 * entry and removed in the one that decides, cancels or discards the case, so
 * a restart after a crash can offer it again (issue 10).
 * That decision is written by `store.onboardings.commit`: the record, its
 * consents, its audit entry and its outbox row in ONE transaction. A later
 * supervisor decision updates the row, appends its audit entry and queues a new
 * outbox row in one transaction too. Cancelled drafts leave their consent rows
 * and audit entries, never a record.
 *
 * The record columns hold what the schema names (masked: last 4 digits only);
 * the rest of the case (consent, evidence, PAN, AML outcome, notes) goes in
 * `details` (with `details.kioskMethod`, the kiosk's finer method name). An OVD
 * (alternate-ID) case is stored as 'ovd' and a consent read out to the customer
 * with channel 'read_out' (migration 003; before it they were 'xml' and 'screen_tap').
 */
import type { AuditInput } from '../agents/ports';
import type { CaseStatus, IdentityMethod } from '../../shared/ipc/kyc';
import type { KycDraft, Store } from '../store';
import type { KycMethod, KycRecord, KycStatus, NewKycRecord } from '../store/repositories/types';
import { fromRow, stmt, updateRow } from '../store/rows';
import type { CaseRecord, CaseRepository, OpenCaseDraft } from './ports';

const STORED_METHOD: Record<IdentityMethod, KycMethod> = {
  otp: 'otp', fingerprint: 'biometric', iris: 'biometric', 'secure-qr': 'qr', 'offline-xml': 'xml', 'alternate-id': 'ovd',
};
const AADHAAR_METHODS = new Set<IdentityMethod>(['otp', 'fingerprint', 'iris', 'secure-qr', 'offline-xml']);

/** What the schema's status column can say; 'referred' is pending with a reason. */
function storedStatus(s: CaseStatus): KycStatus {
  return s === 'approved' ? 'approved' : s === 'rejected' ? 'rejected' : 'pending';
}

type CaseDetails = Omit<CaseRecord, 'caseId' | 'reference' | 'makerId' | 'createdAt' | 'updatedAt'> & { kioskMethod: IdentityMethod | null };

function details(r: CaseRecord): CaseDetails {
  const { caseId: _c, reference: _r, makerId: _m, createdAt: _a, updatedAt: _u, ...rest } = r;
  return { ...rest, kioskMethod: r.method };
}

function toNew(r: CaseRecord, branchId: string): NewKycRecord {
  const aadhaar = r.method !== null && AADHAAR_METHODS.has(r.method);
  return {
    id: r.caseId, reference: r.reference, branchId, agentId: r.makerId, method: STORED_METHOD[r.method ?? 'alternate-id'], status: storedStatus(r.status),
    statusReason: r.status === 'referred' ? 'referred' : r.decisionReason, customerName: r.customerName,
    aadhaarLast4: aadhaar ? r.last4 : null, details: details(r) as unknown as Record<string, unknown>, submittedAt: r.createdAt,
    verifiedAt: r.evidence?.verified ? r.evidence.verifiedAt : null,
  };
}

function fromStored(k: KycRecord): CaseRecord {
  const d = (k.details ?? {}) as Partial<CaseDetails>;
  return {
    caseId: k.id, reference: k.reference, makerId: k.agentId, createdAt: k.createdAt, updatedAt: k.updatedAt,
    status: d.status ?? (k.status === 'approved' || k.status === 'rejected' ? k.status : 'referred'), language: d.language ?? 'en', makerName: d.makerName ?? '',
    consent: d.consent ?? null, method: d.kioskMethod ?? d.method ?? null,
    // Retention clears personal data once the server has the record: the row's columns win.
    customerName: k.customerName, maskedId: k.personalDataPurgedAt ? null : d.maskedId ?? null, last4: d.last4 ?? null,
    evidence: d.evidence ?? null, faceMatch: d.faceMatch ?? null, pan: d.pan ?? null, aml: d.aml ?? null, crossMatch: d.crossMatch ?? null,
    referralNote: d.referralNote ?? null, decisionReason: d.decisionReason ?? null, decidedBy: d.decidedBy ?? null,
  };
}

const CONSENT_CHANNEL = { screen: 'screen_tap', 'read-out': 'read_out' } as const;

/** The last step a case recorded. */
export function reachedStep(r: CaseRecord): OpenCaseDraft['reached'] {
  if (!r.consent) return 'started';
  if (!r.method) return 'consented';
  if (r.status === 'draft') return 'method';
  if (r.aml) return 'aml';
  if (r.pan) return 'pan';
  return r.faceMatch !== null ? 'face-match' : 'identified';
}

function toDraft(r: CaseRecord, branchId: string): Omit<KycDraft, 'createdAt' | 'updatedAt'> & { createdAt: string } {
  return {
    caseId: r.caseId, reference: r.reference, branchId, agentId: r.makerId, agentName: r.makerName, language: r.language, step: reachedStep(r),
    consent: r.consent, method: r.method, maskedId: r.maskedId, idLast4: r.last4, verificationRef: r.evidence?.reference ?? null, createdAt: r.createdAt,
  };
}

function fromDraft(d: KycDraft): OpenCaseDraft {
  return {
    caseId: d.caseId, reference: d.reference, makerId: d.agentId, makerName: d.agentName, language: d.language, reached: d.step,
    consent: d.consent as CaseRecord['consent'], method: d.method as IdentityMethod | null, maskedId: d.maskedId, createdAt: d.createdAt, updatedAt: d.updatedAt,
  };
}

export class StoreCaseRepository implements CaseRepository {
  /** Cases not yet decided, by id. */
  private readonly open = new Map<string, CaseRecord>();

  constructor(private readonly store: () => Store, private readonly branchId: string) {}

  async get(caseId: string): Promise<CaseRecord | null> {
    const open = this.open.get(caseId);
    if (open) return structuredClone(open);
    const row = this.store().records.find(caseId);
    return row ? fromStored(row) : null;
  }

  async save(record: CaseRecord, audit: AuditInput): Promise<void> {
    const store = this.store();
    const entry = { action: audit.action, agentId: audit.actorId, subjectRef: audit.subject ?? record.caseId, ...(audit.detail ? { details: audit.detail } : {}) };
    if (record.status === 'draft' || record.status === 'captured' || record.status === 'cancelled') {
      const before = this.open.get(record.caseId);
      store.transaction('save this step', () => {
        // Consent rows are written the moment consent is recorded (a legal fact even if the case is cancelled).
        if (record.consent && before?.consent?.consentId !== record.consent.consentId) {
          for (const item of record.consent.items) {
            store.consents.insert({
              id: `${record.consent.consentId}:${item.purpose}`, sessionId: record.caseId, purpose: item.purpose, textVersionHash: item.hash,
              language: record.language, channel: CONSENT_CHANNEL[record.consent.channel], granted: item.granted, agentId: record.makerId, givenAt: record.consent.at,
            });
          }
        }
        if (record.status === 'cancelled') store.drafts.remove(record.caseId);
        else store.drafts.save(toDraft(record, this.branchId));
        store.audit.append(entry);
      });
      if (record.status === 'cancelled') this.open.delete(record.caseId);
      else this.open.set(record.caseId, structuredClone(record));
      return;
    }
    if (!store.records.find(record.caseId)) {
      // The decision: record + consents + audit entry + outbox row, and the draft gone, one transaction
      // (commit's own transaction nests as a savepoint).
      store.transaction('save this onboarding', () => {
        store.onboardings.commit({ record: toNew(record, this.branchId), consentSessionId: record.caseId, audit: [entry] });
        store.drafts.remove(record.caseId);
      });
      this.open.delete(record.caseId);
      return;
    }
    store.transaction('save the review decision', () => {
      const r = toNew(record, this.branchId);
      updateRow(store.db, 'kyc_records', 'id', record.caseId, { status: r.status, statusReason: r.statusReason, details: r.details, updatedAt: record.updatedAt });
      store.audit.append(entry);
      store.outbox.enqueue({ recordType: 'kyc_record', recordId: record.caseId, payload: store.onboardings.payloadFor(record.caseId) });
    });
  }

  async drafts(filter: { makerId?: string } = {}): Promise<OpenCaseDraft[]> {
    return this.store().drafts.list(filter.makerId ? { agentId: filter.makerId } : {}).map(fromDraft);
  }

  async draft(caseId: string): Promise<OpenCaseDraft | null> {
    const d = this.store().drafts.get(caseId);
    return d ? fromDraft(d) : null;
  }

  async restore(record: CaseRecord, audit: AuditInput): Promise<void> {
    const store = this.store();
    store.transaction('resume this onboarding', () => {
      store.drafts.save(toDraft(record, this.branchId));
      store.audit.append({ action: audit.action, agentId: audit.actorId, subjectRef: record.caseId, ...(audit.detail ? { details: audit.detail } : {}) });
    });
    this.open.set(record.caseId, structuredClone(record));
  }

  async discard(caseId: string, audit: AuditInput): Promise<void> {
    const store = this.store();
    store.transaction('discard this onboarding', () => {
      store.drafts.remove(caseId);
      store.audit.append({ action: audit.action, agentId: audit.actorId, subjectRef: caseId, ...(audit.detail ? { details: audit.detail } : {}) });
    });
    this.open.delete(caseId);
  }

  async list(filter: { status?: CaseStatus; since?: string } = {}): Promise<CaseRecord[]> {
    const db = this.store().db;
    const rows = (filter.since
      ? stmt(db, 'SELECT * FROM kyc_records WHERE submitted_at >= ? ORDER BY submitted_at').all(filter.since)
      : stmt(db, 'SELECT * FROM kyc_records ORDER BY submitted_at').all()).map((r) => fromStored(fromRow<KycRecord>(r)));
    const all = [...rows, ...[...this.open.values()].filter((c) => !filter.since || c.createdAt >= filter.since).map((c) => structuredClone(c))];
    return filter.status ? all.filter((c) => c.status === filter.status) : all;
  }
}
