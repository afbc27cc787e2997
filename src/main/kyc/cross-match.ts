/**
 * Cross-match for a case (issue 7 item 4): what each source vouched for (the
 * identity step's Aadhaar data, a PAN or passport answer the main process
 * received itself) compared by the pure `crossMatch`, summarised for the case,
 * the decision's audit entry and the reviewer. The claims (name, DOB, gender)
 * live only in the session; the case keeps scores, reason codes and the
 * reviewer's explanation lines, never an identity number.
 */
import type { CrossMatchSummary, Identity, IdentityMethod } from '../../shared/ipc/kyc';
import { bandOf, crossMatch, type IdentityClaim, type IdentitySource } from '../../shared/kyc/crossmatch';

/** Methods whose identity is Aadhaar data (eKYC, Secure QR, e-KYC XML); the OVD path's typed name is not a source. */
const AADHAAR_SOURCED = new Set<IdentityMethod>(['otp', 'fingerprint', 'iris', 'secure-qr', 'offline-xml']);

export function identityClaim(method: IdentityMethod, identity: Identity): IdentityClaim | null {
  if (!AADHAAR_SOURCED.has(method)) return null;
  return { source: 'aadhaar', name: identity.name, dob: identity.dob, gender: identity.gender };
}

/** Claims of one case, one per source (a repeated check replaces the earlier one). */
export class CaseClaims {
  private readonly byCase = new Map<string, Map<IdentitySource, IdentityClaim>>();

  set(caseId: string, claim: IdentityClaim): void {
    const claims = this.byCase.get(caseId) ?? new Map<IdentitySource, IdentityClaim>();
    claims.set(claim.source, claim);
    this.byCase.set(caseId, claims);
  }

  /** The identity step was (re)done: documents checked against an earlier identity no longer count. */
  resetTo(caseId: string, claim: IdentityClaim | null): void {
    this.byCase.delete(caseId);
    if (claim) this.set(caseId, claim);
  }

  get(caseId: string): IdentityClaim[] {
    return [...(this.byCase.get(caseId)?.values() ?? [])];
  }

  forget(caseId: string): void {
    this.byCase.delete(caseId);
  }
}

/** The cross-match of these claims, or null when there is no identity to compare a document with. */
export function summarise(claims: IdentityClaim[], at: string): CrossMatchSummary | null {
  if (!claims.some((c) => c.source === 'aadhaar') || claims.length < 2) return null;
  const result = crossMatch(claims);
  const fields = result.pairs.flatMap((p) =>
    (['name', 'dob', 'gender'] as const).flatMap((field) => {
      const f = p[field];
      return f ? [{ sources: p.sources, field, score: f.score, reason: f.reason }] : [];
    }));
  // No comparable field (e.g. PAN not found): nothing was corroborated, so it is not a match either.
  if (fields.length === 0) return { score: 0, band: 'review', fields, explanation: [...result.explanation, ...result.skipped.map((s) => `${s}: no name, date of birth or gender to compare`)], at };
  return { score: result.score, band: bandOf(result.score), fields, explanation: result.explanation, at };
}

/** Why a cross-match keeps the maker from approving alone, or null. */
export function crossMatchReviewReason(summary: CrossMatchSummary | null | undefined): string | null {
  if (!summary) return null;
  if (summary.fields.length === 0) return 'the PAN/passport answer gave nothing to cross-match with the identity';
  if (summary.band !== 'match') {
    const weak = summary.fields.filter((f) => f.score < 0.9).map((f) => `${f.field} (${f.sources.join('/')})`);
    return `name, date of birth or gender do not match across documents${weak.length ? `: ${[...new Set(weak)].join(', ')}` : ''}`;
  }
  return null;
}

/** For the decision's audit entry: score, band and per-field reason codes; no names, dates or numbers. */
export function crossMatchAudit(summary: CrossMatchSummary | null | undefined): Record<string, string | number | null> {
  if (!summary) return { crossMatch: null };
  return {
    crossMatch: summary.band,
    crossMatchScore: summary.score,
    crossMatchFields: summary.fields.map((f) => `${f.sources.join('-')}:${f.field}=${f.score.toFixed(2)}:${f.reason}`).join(';') || 'none',
  };
}
