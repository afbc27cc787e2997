/**
 * The kyc service's storage port, implemented on the encrypted store by
 * `store-cases.ts` (the onboarding write path). A case holds masked identity
 * only (last 4 digits), never the photo.
 */
import type { AuditInput } from '../agents/ports';
import type { AmlOutcome, CaseStatus, ConsentPurpose, CrossMatchSummary, Evidence, IdentityMethod, KycLanguage, PanOutcome } from '../../shared/ipc/kyc';

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
  /** Identity vs PAN/passport cross-match (scores and reasons), once a document check answered. */
  crossMatch?: CrossMatchSummary | null;
  referralNote: string | null;
  decisionReason: string | null;
  decidedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The durable progress of an open case (store: `kyc_drafts`); no identity evidence. */
export interface OpenCaseDraft {
  caseId: string;
  reference: string;
  makerId: string;
  makerName: string;
  language: KycLanguage;
  reached: 'started' | 'consented' | 'method' | 'identified' | 'face-match' | 'pan' | 'aml';
  consent: CaseRecord['consent'];
  method: IdentityMethod | null;
  maskedId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CaseRepository {
  get(caseId: string): Promise<CaseRecord | null>;
  /** Insert or replace, with the audit entry of the step: both are written in one transaction (with the outbox row once decided). */
  save(record: CaseRecord, audit: AuditInput): Promise<void>;
  list(filter?: { status?: CaseStatus; since?: string }): Promise<CaseRecord[]>;
  /** Open cases' durable progress (what survives a restart); one maker's or all. */
  drafts(filter?: { makerId?: string }): Promise<OpenCaseDraft[]>;
  draft(caseId: string): Promise<OpenCaseDraft | null>;
  /** Puts a case rebuilt from its draft back in the session, with the audit entry of the resumption. */
  restore(record: CaseRecord, audit: AuditInput): Promise<void>;
  /** Drops an open case (draft and session) with its audit entry. */
  discard(caseId: string, audit: AuditInput): Promise<void>;
}
