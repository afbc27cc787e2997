/**
 * Where AML assessments and dispositions are kept: a small port so the service
 * works in memory (CLI, tests) and on the encrypted store (issue 5) in the kiosk.
 */
import type { ScreeningHit } from '../../shared/aml/matcher';
import type { ScreeningSubject } from '../../shared/aml/model';
import type { RiskAssessment, RiskFactorsInput, RiskThresholds } from '../../shared/aml/risk';

export interface Disposition {
  entityId: string;
  decision: 'true-match' | 'false-positive';
  reason: string;
  supervisorId: string;
  at: string;
}

export interface AmlAssessmentRecord {
  id: string;
  kycRecordId: string | null;
  subjectRef: string;
  subject: ScreeningSubject;
  factors: RiskFactorsInput;
  hits: ScreeningHit[];
  risk: RiskAssessment;
  dispositions: Disposition[];
  listVersion: string;
  matcherVersion: string;
  thresholds: RiskThresholds;
  screenedAt: string;
  nextReKycAt: string;
}

export interface AuditEvent {
  action: string;
  agentId?: string | null;
  subjectRef?: string | null;
  details?: Record<string, unknown>;
}

export interface AmlPersistence {
  save(record: AmlAssessmentRecord): void;
  /** Replaces a record (new dispositions or a re-screen). */
  update(record: AmlAssessmentRecord): void;
  get(id: string): AmlAssessmentRecord | null;
  /** Assessments waiting for a supervisor (pendingReview). */
  listPending(): AmlAssessmentRecord[];
  audit(event: AuditEvent): void;
}

export class MemoryAmlPersistence implements AmlPersistence {
  readonly records = new Map<string, AmlAssessmentRecord>();
  readonly auditLog: AuditEvent[] = [];
  save(r: AmlAssessmentRecord): void { this.records.set(r.id, structuredClone(r)); }
  update(r: AmlAssessmentRecord): void { this.records.set(r.id, structuredClone(r)); }
  get(id: string): AmlAssessmentRecord | null { const r = this.records.get(id); return r ? structuredClone(r) : null; }
  listPending(): AmlAssessmentRecord[] { return [...this.records.values()].filter((r) => r.risk.pendingReview).map((r) => structuredClone(r)); }
  audit(e: AuditEvent): void { this.auditLog.push(e); }
}
