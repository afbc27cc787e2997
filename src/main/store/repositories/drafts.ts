/**
 * Open onboarding drafts (`kyc_drafts`, migration 002): the durable progress of a
 * case not yet decided, so a restart can offer it again. One row per case;
 * `save` replaces it. Each method is one statement and joins the caller's
 * transaction (the kyc service writes a draft with its step's audit entry).
 */
import { KioskError } from '../../../shared/errors';
import { iso, systemClock, type Clock } from '../clock';
import type { Db } from '../database';
import { StoreErrorCode } from '../errors';
import { stmt } from '../rows';
import type { DRAFT_STEPS } from '../migrations/002-kyc-drafts';

export type DraftStep = (typeof DRAFT_STEPS)[number];

/** The consent as recorded: purposes, grants and text hashes (nothing about the customer). */
export interface DraftConsent {
  consentId: string;
  version: string;
  channel: 'screen' | 'read-out';
  at: string;
  items: Array<{ purpose: string; granted: boolean; hash: string }>;
}

export interface KycDraft {
  caseId: string;
  reference: string;
  branchId: string;
  agentId: string;
  agentName: string;
  language: 'en' | 'hi' | 'ta';
  step: DraftStep;
  consent: DraftConsent | null;
  method: string | null;
  /** Masked ("XXXX XXXX 1234", "PAN ••••123F"): the schema refuses more than 4 digits. */
  maskedId: string | null;
  idLast4: string | null;
  /** The provider's transaction/reference id of the identity verification (never the number). */
  verificationRef: string | null;
  createdAt: string;
  updatedAt: string;
}

interface DraftRow {
  case_id: string; reference: string; branch_id: string; agent_id: string; agent_name: string; language: KycDraft['language']; step: DraftStep;
  consent_ref: string | null; consent_json: string | null; method: string | null; masked_id: string | null; id_last4: string | null;
  verification_ref: string | null; created_at: string; updated_at: string;
}

function fromDraftRow(r: DraftRow): KycDraft {
  return {
    caseId: r.case_id, reference: r.reference, branchId: r.branch_id, agentId: r.agent_id, agentName: r.agent_name, language: r.language, step: r.step,
    consent: r.consent_json ? JSON.parse(r.consent_json) as DraftConsent : null, method: r.method, maskedId: r.masked_id, idLast4: r.id_last4,
    verificationRef: r.verification_ref, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

export class KycDraftsRepository {
  constructor(private readonly db: Db, private readonly clock: Clock = systemClock) {}

  /** Inserts or replaces the case's draft (createdAt is kept from the first write). */
  save(draft: Omit<KycDraft, 'createdAt' | 'updatedAt'> & { createdAt?: string }): KycDraft {
    const now = iso(this.clock());
    try {
      stmt(this.db, `INSERT INTO kyc_drafts (case_id, reference, branch_id, agent_id, agent_name, language, step, consent_ref, consent_json, method, masked_id, id_last4, verification_ref, created_at, updated_at)
        VALUES (@caseId, @reference, @branchId, @agentId, @agentName, @language, @step, @consentRef, @consentJson, @method, @maskedId, @idLast4, @verificationRef, @createdAt, @updatedAt)
        ON CONFLICT (case_id) DO UPDATE SET language = excluded.language, step = excluded.step, consent_ref = excluded.consent_ref, consent_json = excluded.consent_json,
          method = excluded.method, masked_id = excluded.masked_id, id_last4 = excluded.id_last4, verification_ref = excluded.verification_ref, updated_at = excluded.updated_at`).run({
        caseId: draft.caseId, reference: draft.reference, branchId: draft.branchId, agentId: draft.agentId, agentName: draft.agentName, language: draft.language,
        step: draft.step, consentRef: draft.consent?.consentId ?? null, consentJson: draft.consent ? JSON.stringify(draft.consent) : null, method: draft.method,
        maskedId: draft.maskedId, idLast4: draft.idLast4, verificationRef: draft.verificationRef, createdAt: draft.createdAt ?? now, updatedAt: now,
      });
    } catch (e) {
      // A CHECK failure here means a caller tried to keep something unmasked: refuse loudly, keep nothing.
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_CHECK') {
        throw new KioskError(StoreErrorCode.WRITE_FAILED, 'The onboarding progress could not be saved: a field was not masked.', { caseId: draft.caseId });
      }
      throw e;
    }
    return this.get(draft.caseId)!;
  }

  get(caseId: string): KycDraft | null {
    const r = stmt(this.db, 'SELECT * FROM kyc_drafts WHERE case_id = ?').get(caseId) as DraftRow | undefined;
    return r ? fromDraftRow(r) : null;
  }

  /** Open drafts, newest first: one agent's, or every agent's when `agentId` is absent. */
  list(filter: { agentId?: string; limit?: number } = {}): KycDraft[] {
    const limit = filter.limit ?? 50;
    const rows = filter.agentId
      ? stmt(this.db, 'SELECT * FROM kyc_drafts WHERE agent_id = ? ORDER BY updated_at DESC LIMIT ?').all(filter.agentId, limit)
      : stmt(this.db, 'SELECT * FROM kyc_drafts ORDER BY updated_at DESC LIMIT ?').all(limit);
    return (rows as DraftRow[]).map(fromDraftRow);
  }

  /** Removes the draft (case decided, cancelled or discarded); true when there was one. */
  remove(caseId: string): boolean {
    return stmt(this.db, 'DELETE FROM kyc_drafts WHERE case_id = ?').run(caseId).changes > 0;
  }
}
