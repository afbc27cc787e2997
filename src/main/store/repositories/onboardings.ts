/**
 * The write path of one onboarding: the KYC record, its verification and AML
 * rows, its consents, its audit entries and its outbox row, all in ONE
 * transaction (IMMEDIATE, synchronous=FULL). When `commit` returns, the
 * record is on disk and queued for the server; the flow may tell the agent
 * "saved". When it throws, nothing of it was written.
 */
import type { AuditEntry, AuditEntryInput, AuditLog } from '../audit/chain';
import type { Db } from '../database';
import { inTransaction } from '../database';
import type { OutboxItem, OutboxRepository } from './outbox';
import type {
  AadhaarVerificationsRepository, AmlAssessmentsRepository, ConsentsRepository, KycRecordsRepository,
} from './records';
import type { AadhaarVerification, AmlAssessment, Consent, KycRecord, NewAadhaarVerification, NewAmlAssessment, NewKycRecord } from './types';

export interface OnboardingCommit {
  record: NewKycRecord;
  /** New verification rows (their kycRecordId is set to the record). */
  verifications?: NewAadhaarVerification[];
  /** Verification rows saved earlier in the session (before the record existed), to attach. */
  attachVerificationIds?: string[];
  amlAssessments?: NewAmlAssessment[];
  /** Consents given earlier in this session are attached to the record. */
  consentSessionId?: string;
  /** Extra audit entries; a `kyc.record.saved` entry is always written. */
  audit?: AuditEntryInput[];
  /** Outbox row: the payload defaults to the saved rows; the idempotency key to a new UUID. */
  outbox?: { payload?: unknown; idempotencyKey?: string };
}

export interface OnboardingCommitted {
  record: KycRecord;
  outbox: OutboxItem;
  audit: AuditEntry[];
}

export interface OnboardingPayload {
  record: KycRecord;
  verifications: AadhaarVerification[];
  amlAssessments: AmlAssessment[];
  consents: Consent[];
}

export class OnboardingRepository {
  constructor(
    private readonly db: Db,
    private readonly repos: {
      records: KycRecordsRepository;
      verifications: AadhaarVerificationsRepository;
      aml: AmlAssessmentsRepository;
      consents: ConsentsRepository;
      audit: AuditLog;
      outbox: OutboxRepository;
    },
  ) {}

  commit(input: OnboardingCommit): OnboardingCommitted {
    const { records, verifications, aml, consents, audit, outbox } = this.repos;
    return inTransaction(this.db, 'save this onboarding', () => {
      const record = records.insert(input.record);
      for (const v of input.verifications ?? []) verifications.insert({ ...v, kycRecordId: record.id });
      for (const id of input.attachVerificationIds ?? []) verifications.update(id, { kycRecordId: record.id });
      for (const a of input.amlAssessments ?? []) aml.insert({ ...a, kycRecordId: record.id });
      if (input.consentSessionId) consents.attachToRecord(input.consentSessionId, record.id);
      const payload: unknown = input.outbox?.payload ?? this.payloadFor(record.id);
      const queued = outbox.enqueue({ recordType: 'kyc_record', recordId: record.id, payload, ...(input.outbox?.idempotencyKey ? { idempotencyKey: input.outbox.idempotencyKey } : {}) });
      const entries = [
        audit.append({
          action: 'kyc.record.saved', agentId: record.agentId, subjectRef: record.id,
          details: { reference: record.reference, method: record.method, status: record.status, outboxId: queued.id },
        }),
        ...(input.audit ?? []).map((e) => audit.append({ agentId: record.agentId, subjectRef: record.id, ...e })),
      ];
      return { record, outbox: queued, audit: entries };
    });
  }

  /** What the server receives for a record: the record and the rows that belong to it. */
  payloadFor(recordId: string): OnboardingPayload {
    const { records, verifications, aml, consents } = this.repos;
    return {
      record: records.get(recordId),
      verifications: verifications.listForRecord(recordId),
      amlAssessments: aml.listForRecord(recordId),
      consents: consents.listForRecord(recordId),
    };
  }
}
