/**
 * The kyc service's storage port, implemented on the encrypted store by
 * `store-cases.ts` (the onboarding write path). A case holds masked identity
 * only (last 4 digits), never the photo.
 */
import type { AuditInput } from '../agents/ports';
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
  /** Insert or replace, with the audit entry of the step: both are written in one transaction (with the outbox row once decided). */
  save(record: CaseRecord, audit: AuditInput): Promise<void>;
  list(filter?: { status?: CaseStatus; since?: string }): Promise<CaseRecord[]>;
}
