/**
 * The onboarding session service: one case per customer, driven step by step by
 * the renderer's flow machine. It enforces what the screens must not be trusted
 * to: consent recorded against the exact text hash before any identity step,
 * the method covered by a consent, approval only after a face-match confirmation
 * and a clear AML result, and maker-checker (a referred case is decided by a
 * supervisor who re-authenticates and is not its maker). Every step is audited
 * with the acting agent's id and the case's id, never with identity data.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { KioskError } from '../../shared/errors';
import type { AgentSession } from '../../shared/ipc/agents';
import type { AmlOutcome, CaseSummary, ConsentPurpose, Decision, Evidence, Identity, IdentityMethod, KycLanguage, OpenCase, PanOutcome, ResumedCase, ResumeStep } from '../../shared/ipc/kyc';
import type { AuditInput, AuditSink } from '../agents/ports';
import type { ConsentTexts } from './consent-texts';
import { CaseClaims, crossMatchAudit, crossMatchReviewReason, identityClaim, summarise } from './cross-match';
import type { IdentityClaim } from '../../shared/kyc/crossmatch';
import type { CaseRecord, CaseRepository, OpenCaseDraft } from './ports';

export const KycErrorCode = {
  NO_CASE: 'E_KYC_NO_CASE',
  NOT_YOURS: 'E_KYC_NOT_YOUR_CASE',
  BAD_STATE: 'E_KYC_BAD_STATE',
  CONSENT_MISMATCH: 'E_KYC_CONSENT_MISMATCH',
  NO_CONSENT: 'E_KYC_NO_CONSENT',
  NEEDS_REVIEW: 'E_KYC_NEEDS_REVIEW',
  MAKER_CHECKER: 'E_KYC_MAKER_CHECKER',
  REASON_REQUIRED: 'E_KYC_REASON_REQUIRED',
} as const;

/** Which consent each identity method needs; the alternate-ID path needs none of the Aadhaar ones. */
const METHOD_CONSENT: Record<IdentityMethod, ConsentPurpose | null> = {
  otp: 'aadhaar-auth',
  fingerprint: 'aadhaar-auth',
  iris: 'aadhaar-auth',
  'secure-qr': 'offline-verification',
  'offline-xml': 'offline-verification',
  'alternate-id': null,
};

export const CDD_MODE: Record<IdentityMethod, string> = {
  otp: 'OTP eKYC',
  fingerprint: 'Biometric eKYC (fingerprint)',
  iris: 'Biometric eKYC (iris)',
  'secure-qr': 'Offline verification (Secure QR)',
  'offline-xml': 'Offline verification (e-KYC XML)',
  'alternate-id': 'OVD (alternate ID)',
};

/**
 * Where an interrupted case picks up. Identity evidence (the verified identity, the photo for the
 * face match) is never kept outside the session, so a case that had passed identity redoes it.
 */
export function resumeStep(reached: OpenCaseDraft['reached']): ResumeStep {
  return reached === 'started' ? 'consent' : reached === 'consented' ? 'method' : 'identity';
}

export interface KycOptions {
  repo: CaseRepository;
  audit: AuditSink;
  consentTexts: ConsentTexts;
  now?: () => Date;
}

export class KycService {
  private readonly now: () => Date;
  /** What each source vouched for (name, DOB, gender), per open case: session memory only. */
  private readonly claims = new CaseClaims();

  constructor(private readonly options: KycOptions) {
    this.now = options.now ?? (() => new Date());
  }

  consentText(language: KycLanguage) {
    return this.options.consentTexts.get(language);
  }

  async start(agent: AgentSession, language: KycLanguage): Promise<{ caseId: string; reference: string }> {
    const at = this.now().toISOString();
    const record: CaseRecord = {
      caseId: randomUUID(),
      reference: `VDX-${at.slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex').toUpperCase()}`,
      status: 'draft', language, makerId: agent.agentId, makerName: agent.name,
      consent: null, method: null, customerName: null, maskedId: null, last4: null, evidence: null, faceMatch: null,
      pan: null, aml: null, referralNote: null, decisionReason: null, decidedBy: null, createdAt: at, updatedAt: at,
    };
    await this.options.repo.save(record, this.entry(agent, 'kyc.start', record, { language }));
    return { caseId: record.caseId, reference: record.reference };
  }

  async consent(agent: AgentSession, caseId: string, input: { language: KycLanguage; version: string; channel: 'screen' | 'read-out'; items: Array<{ purpose: ConsentPurpose; granted: boolean; hash: string }> }) {
    const record = await this.own(agent, caseId, ['draft']);
    const text = this.options.consentTexts.get(input.language);
    if (text.version !== input.version) {
      throw new KioskError(KycErrorCode.CONSENT_MISMATCH, 'The consent text changed while it was on screen. Show it again.');
    }
    for (const item of input.items) {
      const shown = text.items.find((t) => t.purpose === item.purpose);
      if (!shown || shown.hash !== item.hash) {
        throw new KioskError(KycErrorCode.CONSENT_MISMATCH, `The consent for "${item.purpose}" does not match the text on this kiosk. Show it again.`);
      }
    }
    const consentId = randomUUID();
    record.consent = { consentId, version: input.version, channel: input.channel, at: this.now().toISOString(), items: input.items };
    record.language = input.language;
    const granted = input.items.filter((i) => i.granted).map((i) => i.purpose).join(',');
    await this.save(record, this.entry(agent, 'kyc.consent', record, { consentId, version: input.version, channel: input.channel, granted }));
    return { consentId };
  }

  async method(agent: AgentSession, caseId: string, method: IdentityMethod) {
    const record = await this.own(agent, caseId, ['draft']);
    const needed = METHOD_CONSENT[method];
    if (!record.consent) throw new KioskError(KycErrorCode.NO_CONSENT, 'Record the customer\'s consent first.');
    if (needed && !record.consent.items.some((i) => i.purpose === needed && i.granted)) {
      throw new KioskError(KycErrorCode.NO_CONSENT, 'The customer did not consent to this method. Use another method or the alternate ID path.');
    }
    record.method = method;
    await this.save(record, this.entry(agent, 'kyc.method', record, { method }));
    return { method };
  }

  async identity(agent: AgentSession, caseId: string, identity: Identity, evidence: Evidence) {
    const record = await this.own(agent, caseId, ['draft', 'captured']);
    if (!record.method || record.method !== evidence.method) {
      throw new KioskError(KycErrorCode.BAD_STATE, 'The identity evidence does not match the chosen method.');
    }
    if (!evidence.verified && evidence.method !== 'alternate-id') {
      throw new KioskError(KycErrorCode.BAD_STATE, 'The identity was not verified. Try again or use another method.');
    }
    record.customerName = identity.name;
    record.maskedId = identity.maskedId;
    record.last4 = identity.last4;
    record.evidence = evidence;
    record.status = 'captured';
    this.claims.resetTo(caseId, identityClaim(evidence.method, identity));
    record.crossMatch = null;
    await this.save(record, this.entry(agent, 'kyc.identity', record, { method: evidence.method, verified: evidence.verified, last4: identity.last4 }));
    return { status: record.status };
  }

  async review(agent: AgentSession, caseId: string, faceMatch: boolean) {
    const record = await this.own(agent, caseId, ['captured']);
    record.faceMatch = faceMatch;
    await this.save(record, this.entry(agent, 'kyc.face-match', record, { faceMatch }));
    return { faceMatch };
  }

  async pan(agent: AgentSession, caseId: string, pan: PanOutcome) {
    const record = await this.own(agent, caseId, ['captured']);
    if (pan.status !== 'not-provided' && !record.consent?.items.some((i) => i.purpose === 'pan-check' && i.granted)) {
      throw new KioskError(KycErrorCode.NO_CONSENT, 'The customer did not consent to a PAN check. Take Form 60 instead.');
    }
    // The cross-match is the service's own (from `documentChecked`); one sent with the outcome is ignored.
    const { crossMatch: _ignored, ...outcome } = pan;
    record.pan = outcome;
    await this.save(record, this.entry(agent, 'kyc.pan', record, { status: pan.status, masked: pan.masked ?? null }));
    return { status: pan.status, crossMatch: record.crossMatch ?? null };
  }

  /**
   * A PAN or passport answer the main process received for this case (from `pan:verify` /
   * `passport:verify`), as a claim: cross-matched with the identity and kept on the case.
   * Returns null (and changes nothing) when the case is not this agent's open, identified case
   * or the answer vouched for nothing comparable (not found, source unavailable).
   */
  async documentChecked(agent: AgentSession, caseId: string, claim: IdentityClaim) {
    const record = await this.options.repo.get(caseId);
    if (!record || record.makerId !== agent.agentId || record.status !== 'captured') return null;
    if (claim.source === 'aadhaar' || !(claim.name || claim.dob || claim.gender)) return null;
    this.claims.set(caseId, claim);
    const crossMatch = summarise(this.claims.get(caseId), this.now().toISOString());
    if (!crossMatch) return null;
    record.crossMatch = crossMatch;
    await this.save(record, this.entry(agent, 'kyc.cross-match', record, { source: claim.source, ...crossMatchAudit(crossMatch) }));
    return crossMatch;
  }

  async aml(agent: AgentSession, caseId: string, aml: AmlOutcome) {
    const record = await this.own(agent, caseId, ['captured']);
    record.aml = aml;
    await this.save(record, this.entry(agent, 'kyc.aml', record, { level: aml.level, matches: aml.matches.length, requiresReview: aml.requiresReview }));
    return { requiresReview: aml.requiresReview };
  }

  /** Why the maker cannot approve alone, or null when they can. */
  static reviewReason(record: CaseRecord): string | null {
    if (record.faceMatch !== true) return 'the face match was not confirmed';
    if (!record.aml) return 'AML screening has not run';
    if (record.aml.requiresReview || record.aml.level === 'high') return 'AML screening needs a supervisor';
    if (record.method === 'alternate-id') return 'alternate-ID cases need a supervisor';
    if (record.pan?.status === 'mismatch') return 'the PAN name did not match';
    return crossMatchReviewReason(record.crossMatch);
  }

  async decide(agent: AgentSession, caseId: string, decision: Decision): Promise<CaseSummary> {
    const record = await this.own(agent, caseId, ['draft', 'captured']);
    if (decision.decision === 'approve') {
      if (record.status !== 'captured') throw new KioskError(KycErrorCode.BAD_STATE, 'Verify the customer\'s identity before approving.');
      const why = KycService.reviewReason(record);
      if (why) throw new KioskError(KycErrorCode.NEEDS_REVIEW, `This case must be referred to a supervisor: ${why}.`);
      record.status = 'approved';
      record.decidedBy = agent.agentId;
    } else if (decision.decision === 'refer') {
      if (record.status !== 'captured') throw new KioskError(KycErrorCode.BAD_STATE, 'Verify the customer\'s identity before referring.');
      record.status = 'referred';
      record.referralNote = decision.note;
    } else {
      record.status = 'rejected';
      record.decisionReason = decision.reason;
      record.decidedBy = agent.agentId;
    }
    await this.save(record, this.entry(agent, `kyc.${decision.decision}`, record, crossMatchAudit(record.crossMatch)));
    this.claims.forget(caseId);
    return summary(record);
  }

  async cancel(agent: AgentSession, caseId: string) {
    const record = await this.own(agent, caseId, ['draft', 'captured']);
    record.status = 'cancelled';
    await this.save(record, this.entry(agent, 'kyc.cancel', record, {}));
    this.claims.forget(caseId);
    return { status: record.status };
  }

  /** Cases left open (crash, closed window): the agent's own, or every agent's for a supervisor. */
  async openCases(agent: AgentSession): Promise<OpenCase[]> {
    const drafts = await this.options.repo.drafts(agent.role === 'supervisor' ? {} : { makerId: agent.agentId });
    return drafts.map((d) => ({
      caseId: d.caseId, reference: d.reference, makerId: d.makerId, makerName: d.makerName, language: d.language, method: d.method,
      maskedId: d.maskedId, reached: d.reached, resumeAt: resumeStep(d.reached), createdAt: d.createdAt, updatedAt: d.updatedAt,
    }));
  }

  /**
   * Puts an open case back in the session at its last safe step, from what the store kept: consent and
   * method survive; identity, face match, PAN and AML are redone (they hung on evidence never stored).
   */
  async resume(agent: AgentSession, caseId: string): Promise<ResumedCase> {
    const draft = await this.options.repo.draft(caseId);
    if (!draft) throw new KioskError(KycErrorCode.NO_CASE, 'This onboarding is no longer open. Start a new one.');
    if (draft.makerId !== agent.agentId) throw new KioskError(KycErrorCode.NOT_YOURS, 'Only the agent who started this onboarding can resume it.');
    const resumeAt = resumeStep(draft.reached);
    const record: CaseRecord = {
      caseId: draft.caseId, reference: draft.reference, status: 'draft', language: draft.language, makerId: draft.makerId, makerName: draft.makerName,
      consent: draft.consent, method: resumeAt === 'identity' ? draft.method : null, customerName: null, maskedId: null, last4: null, evidence: null,
      faceMatch: null, pan: null, aml: null, referralNote: null, decisionReason: null, decidedBy: null, createdAt: draft.createdAt, updatedAt: this.now().toISOString(),
    };
    await this.options.repo.restore(record, this.entry(agent, 'kyc.resume', record, { reached: draft.reached, resumeAt }));
    return {
      caseId: record.caseId, reference: record.reference, language: record.language, resumeAt, consentRef: record.consent?.consentId ?? null,
      granted: (record.consent?.items ?? []).map((i) => ({ purpose: i.purpose, granted: i.granted })), method: record.method,
    };
  }

  /** Drops an open case without a record (its maker or a supervisor); its consents and audit entries stay. */
  async discard(agent: AgentSession, caseId: string): Promise<{ status: 'cancelled' }> {
    const draft = await this.options.repo.draft(caseId);
    if (!draft) throw new KioskError(KycErrorCode.NO_CASE, 'This onboarding is no longer open.');
    if (draft.makerId !== agent.agentId && agent.role !== 'supervisor') throw new KioskError(KycErrorCode.NOT_YOURS, 'This case belongs to another agent.');
    await this.options.repo.discard(caseId, { actorId: agent.agentId, action: 'kyc.discard', subject: caseId, detail: { reference: draft.reference, makerId: draft.makerId, reached: draft.reached } });
    return { status: 'cancelled' };
  }

  async referred(): Promise<CaseSummary[]> {
    return (await this.options.repo.list({ status: 'referred' })).map(summary);
  }

  /** The checker's decision. The caller has already re-authenticated the supervisor. */
  async reviewDecide(checker: AgentSession, caseId: string, decision: 'approve' | 'reject', reason?: string): Promise<CaseSummary> {
    if (checker.role !== 'supervisor') throw new KioskError('E_AGENT_FORBIDDEN', 'Only a supervisor can decide a referred case.');
    const record = await this.get(caseId);
    if (record.status !== 'referred') throw new KioskError(KycErrorCode.BAD_STATE, 'This case is not waiting for review.');
    if (record.makerId === checker.agentId) {
      await this.audit(checker, 'kyc.maker-checker-refused', record, {});
      throw new KioskError(KycErrorCode.MAKER_CHECKER, 'You made this case, so you cannot decide it. Another supervisor must.');
    }
    if (decision === 'reject' && !reason?.trim()) throw new KioskError(KycErrorCode.REASON_REQUIRED, 'Give a reason for the rejection.');
    record.status = decision === 'approve' ? 'approved' : 'rejected';
    record.decidedBy = checker.agentId;
    if (reason) record.decisionReason = reason.trim();
    await this.save(record, this.entry(checker, `kyc.review-${decision}`, record, { makerId: record.makerId, ...crossMatchAudit(record.crossMatch) }));
    return summary(record);
  }

  async stats(): Promise<{ started: number; approved: number; referred: number; rejected: number }> {
    const since = `${this.now().toISOString().slice(0, 10)}T00:00:00.000Z`;
    const today = await this.options.repo.list({ since });
    const count = (s: string) => today.filter((c) => c.status === s).length;
    return { started: today.length, approved: count('approved'), referred: count('referred'), rejected: count('rejected') };
  }

  async get(caseId: string): Promise<CaseRecord> {
    const record = await this.options.repo.get(caseId);
    if (!record) throw new KioskError(KycErrorCode.NO_CASE, 'This onboarding case does not exist. Start again.');
    return record;
  }

  private async own(agent: AgentSession, caseId: string, states: CaseRecord['status'][]): Promise<CaseRecord> {
    const record = await this.get(caseId);
    if (record.makerId !== agent.agentId) throw new KioskError(KycErrorCode.NOT_YOURS, 'This case belongs to another agent.');
    if (!states.includes(record.status)) throw new KioskError(KycErrorCode.BAD_STATE, `This case is ${record.status}; that step is not possible now.`);
    return record;
  }

  /** The record and the audit entry of its step are written together by the repository. */
  private async save(record: CaseRecord, entry: AuditInput) {
    record.updatedAt = this.now().toISOString();
    await this.options.repo.save(record, entry);
  }

  private entry(agent: AgentSession, action: string, record: CaseRecord, detail: Record<string, string | number | boolean | null>): AuditInput {
    return { actorId: agent.agentId, action, subject: record.caseId, detail: { reference: record.reference, ...detail } };
  }

  private audit(agent: AgentSession, action: string, record: CaseRecord, detail: Record<string, string | number | boolean | null>) {
    return this.options.audit.append(this.entry(agent, action, record, detail));
  }
}

export function summary(r: CaseRecord): CaseSummary {
  return {
    caseId: r.caseId, reference: r.reference, status: r.status, method: r.method, makerId: r.makerId, makerName: r.makerName,
    customerName: r.customerName, maskedId: r.maskedId, aml: r.aml, pan: r.pan, referralNote: r.referralNote,
    decisionReason: r.decisionReason, decidedBy: r.decidedBy, crossMatch: r.crossMatch ?? null, createdAt: r.createdAt, updatedAt: r.updatedAt,
  };
}
