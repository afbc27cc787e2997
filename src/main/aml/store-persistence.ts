/**
 * AML persistence on the encrypted store (issue 5): one aml_assessments row
 * per assessment (the full record in matches_json, the pending flag in
 * recommendations_json, dispositions as JSON in the disposition column), and
 * every decision in the audit chain. store.aml has no "pending" query, so the
 * queue is read with one SELECT on its table (read only).
 */
import type { Store } from '../store';
import type { AmlAssessmentRecord, AmlPersistence, AuditEvent } from './persistence';

export class StoreAmlPersistence implements AmlPersistence {
  constructor(private readonly store: Store) {}

  save(r: AmlAssessmentRecord): void {
    this.store.aml.insert({
      id: r.id,
      subjectRef: r.subjectRef,
      kycRecordId: r.kycRecordId,
      riskScore: Math.min(1, r.risk.score / 100),
      riskLevel: r.risk.band,
      screenedAt: r.screenedAt,
      matchCount: r.hits.length,
      strongMatchCount: r.risk.pendingHits.length,
      listVersions: { bundle: r.listVersion, matcher: r.matcherVersion, thresholds: r.thresholds },
      factors: [r.factors],
      matches: [r],
      recommendations: [{ pendingReview: r.risk.pendingReview, reasons: r.risk.reasons }],
      nextReviewAt: r.nextReKycAt,
    });
  }

  update(r: AmlAssessmentRecord): void {
    // The row's disposition column carries the decisions; a re-screen or a change of band is a new row
    // (the old one is marked superseded), so history is never rewritten.
    const prev = this.get(r.id);
    if (prev && prev.risk.band === r.risk.band && prev.listVersion === r.listVersion && prev.hits.length === r.hits.length) {
      this.store.aml.dispose(r.id, JSON.stringify(r.dispositions), r.dispositions.at(-1)?.supervisorId ?? 'system');
      return;
    }
    this.store.aml.dispose(r.id, JSON.stringify({ supersededBy: `${r.id}~${r.screenedAt}` }), 'system');
    this.save({ ...r, id: `${r.id}~${r.screenedAt}` });
  }

  get(id: string): AmlAssessmentRecord | null {
    try {
      const row = this.store.aml.get(id);
      const rec = (row.matches?.[0] ?? null) as AmlAssessmentRecord | null;
      if (!rec) return null;
      const disp = row.disposition ? (JSON.parse(row.disposition) as unknown) : null;
      return Array.isArray(disp) ? { ...rec, dispositions: disp as AmlAssessmentRecord['dispositions'] } : rec;
    } catch {
      return null;
    }
  }

  listPending(): AmlAssessmentRecord[] {
    const rows = this.store.db.prepare("SELECT id FROM aml_assessments WHERE recommendations_json LIKE '%\"pendingReview\":true%' ORDER BY screened_at").all() as Array<{ id: string }>;
    return rows.map((r) => this.get(r.id)).filter((r): r is AmlAssessmentRecord => r !== null && r.risk.pendingReview && !this.superseded(r.id));
  }

  private superseded(id: string): boolean {
    const d = this.store.aml.get(id).disposition;
    return !!d && d.includes('supersededBy');
  }

  audit(e: AuditEvent): void {
    this.store.audit.append({ action: e.action, agentId: e.agentId ?? null, subjectRef: e.subjectRef ?? null, details: e.details ?? {} });
  }
}
