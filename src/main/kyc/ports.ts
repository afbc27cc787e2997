/**
 * The kyc service's storage port. The encrypted store's onboarding write path
 * (issue 5) implements it; `MemoryCaseRepository` stands in until it is wired.
 * A case holds masked identity only (last 4 digits), never the photo.
 */
import type { AmlOutcome, CaseStatus, ConsentPurpose, Evidence, IdentityMethod, KycLanguage, PanOutcome } from '../../shared/ipc/kyc';

export interface CaseRecord {
  caseId: string;
  reference: string;
  status: CaseStatus;
  language: KycLanguage;
  makerId: string;
  makerName: string;
  consent: { consentId: string; version: string; channel: 'screen' | 'read-out'; at: string; items: Array<{ purpose: ConsentPurpose; granted: boolean; hash: string }> } | null;
  method: IdentityMethod | null;
  customerName: string | null;
  maskedId: string | null;
  last4: string | null;
  evidence: Evidence | null;
  faceMatch: boolean | null;
  pan: PanOutcome | null;
  aml: AmlOutcome | null;
  referralNote: string | null;
  decisionReason: string | null;
  decidedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CaseRepository {
  get(caseId: string): Promise<CaseRecord | null>;
  /** Insert or replace; the store writes the record, its audit entries and its outbox row together. */
  save(record: CaseRecord): Promise<void>;
  list(filter?: { status?: CaseStatus; since?: string }): Promise<CaseRecord[]>;
}

export class MemoryCaseRepository implements CaseRepository {
  private readonly cases = new Map<string, CaseRecord>();
  async get(caseId: string) {
    const c = this.cases.get(caseId);
    return c ? structuredClone(c) : null;
  }
  async save(record: CaseRecord) {
    this.cases.set(record.caseId, structuredClone(record));
  }
  async list(filter: { status?: CaseStatus; since?: string } = {}) {
    return [...this.cases.values()]
      .filter((c) => (!filter.status || c.status === filter.status) && (!filter.since || c.createdAt >= filter.since))
      .map((c) => structuredClone(c));
  }
}
