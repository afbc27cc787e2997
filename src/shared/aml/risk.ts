/**
 * AML risk band: hard rules first (the highest wins), then configurable
 * weighted factors mapped to RBI's LOW / MEDIUM / HIGH, and the next periodic
 * re-KYC date (2 / 8 / 10 years for high / medium / low). A design proposal
 * for compliance to approve (see the reference note §5.2), not regulatory text.
 */
import type { ScreeningHit } from './matcher';

export type RiskBand = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
const ORDER: RiskBand[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

export interface RiskThresholds {
  /** At or above: a potential match for review. */
  review: number;
  /** At or above with nothing contradicting: treated as a match. */
  block: number;
}

export const DEFAULT_THRESHOLDS: RiskThresholds = { review: 0.85, block: 0.95 };

/** Weighted factors, each 0..its maximum; compliance sets the weights. */
export interface RiskFactorsInput {
  customerType?: 'salaried' | 'pensioner' | 'self-employed' | 'business' | 'cash-intensive' | 'trust-ngo' | 'hni';
  residence?: 'resident' | 'non-resident';
  /** FATF increased-monitoring ("grey") or call-for-action ("black") country by nationality, residence or birth. */
  fatfCountry?: 'grey' | 'black';
  identityAssurance?: 'biometric-ekyc' | 'otp-ekyc' | 'offline-ovd' | 'low-confidence';
  channel?: 'assisted-in-person' | 'non-face-to-face';
  expectedActivity?: 'low' | 'medium' | 'high';
  domesticPep?: boolean;
}

export interface RiskWeights {
  customerType: Record<NonNullable<RiskFactorsInput['customerType']>, number>;
  residence: Record<NonNullable<RiskFactorsInput['residence']>, number>;
  fatfGrey: number;
  identityAssurance: Record<NonNullable<RiskFactorsInput['identityAssurance']>, number>;
  channel: Record<NonNullable<RiskFactorsInput['channel']>, number>;
  expectedActivity: Record<NonNullable<RiskFactorsInput['expectedActivity']>, number>;
  clearedPotentialMatch: number;
  /** Score → band: below medium LOW, below high MEDIUM, else HIGH. */
  mediumFrom: number;
  highFrom: number;
}

export const DEFAULT_WEIGHTS: RiskWeights = {
  customerType: { salaried: 0, pensioner: 0, 'self-employed': 10, business: 10, 'cash-intensive': 20, 'trust-ngo': 25, hni: 25 },
  residence: { resident: 0, 'non-resident': 10 },
  fatfGrey: 18,
  identityAssurance: { 'biometric-ekyc': 0, 'otp-ekyc': 0, 'offline-ovd': 5, 'low-confidence': 15 },
  channel: { 'assisted-in-person': 0, 'non-face-to-face': 15 },
  expectedActivity: { low: 0, medium: 7, high: 15 },
  clearedPotentialMatch: 10,
  mediumFrom: 35,
  highFrom: 65,
};

export interface ReasonCode {
  code: string;
  detail: string;
  points?: number;
}

/** A reviewer's decision on a hit (the supervisor queue). */
export interface HitDisposition {
  entityId: string;
  decision: 'true-match' | 'false-positive';
}

export interface RiskInput {
  hits: ScreeningHit[];
  dispositions?: HitDisposition[];
  factors?: RiskFactorsInput;
  /** The customer's country (ISO alpha-2); a PEP of another country is a foreign PEP. */
  homeCountry?: string;
  thresholds?: RiskThresholds;
  weights?: RiskWeights;
  /** Lists whose confirmed hit is CRITICAL (stop and report). UN and UAPA by law; OFAC by policy. */
  criticalLists?: ReadonlyArray<'UN' | 'UAPA' | 'OFAC'>;
}

export interface RiskAssessment {
  band: RiskBand;
  score: number;
  reasons: ReasonCode[];
  /** Hits at or above the review threshold with no disposition yet. */
  pendingHits: string[];
  /** HIGH while a potential match waits for a supervisor. */
  pendingReview: boolean;
  reKycYears: 2 | 8 | 10;
}

const SANCTION_LISTS = new Set(['UN', 'UAPA', 'OFAC']);

function maxBand(a: RiskBand, b: RiskBand): RiskBand {
  return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
}

function contradicted(hit: ScreeningHit): boolean {
  return hit.explanation.qualifiers.some((q) => q.delta < 0);
}

export function assessRisk(input: RiskInput): RiskAssessment {
  const t = input.thresholds ?? DEFAULT_THRESHOLDS;
  const w = input.weights ?? DEFAULT_WEIGHTS;
  const decided = new Map((input.dispositions ?? []).map((d) => [d.entityId, d.decision]));
  const reasons: ReasonCode[] = [];
  let floor: RiskBand = 'LOW';
  const pendingHits: string[] = [];
  let clearedAny = false;
  const home = input.homeCountry ?? 'IN';
  const criticalLists = new Set<string>(input.criticalLists ?? ['UN', 'UAPA']);

  for (const hit of input.hits) {
    if (hit.score < t.review) continue;
    const decision = decided.get(hit.entityId);
    const ref = `list=${hit.list}, ref=${hit.ref}, score=${hit.score}`;
    if (decision === 'false-positive') {
      clearedAny = true;
      reasons.push({ code: 'SCREEN_CLEARED', detail: `${ref}: cleared by a supervisor as a false positive` });
      continue;
    }
    if (hit.list === 'PEP') continue;
    const dobKnown = hit.explanation.qualifiers.some((q) => q.factor === 'dob' && q.verdict !== 'unknown' && q.verdict !== 'missing-on-list');
    const confirmed = decision === 'true-match' || (hit.score >= t.block && !contradicted(hit) && dobKnown);
    if (confirmed && criticalLists.has(hit.list)) {
      floor = maxBand(floor, 'CRITICAL');
      reasons.push({ code: `SANCTIONS_MATCH_${hit.list}`, detail: `${ref}${decision === 'true-match' ? ', confirmed by a supervisor' : ', strong match with nothing contradicting'}` });
      continue;
    }
    if (decision === 'true-match') {
      floor = maxBand(floor, 'HIGH');
      reasons.push({ code: `SANCTIONS_MATCH_${hit.list}`, detail: `${ref}, confirmed by a supervisor` });
      continue;
    }
    if (SANCTION_LISTS.has(hit.list)) {
      floor = maxBand(floor, 'HIGH');
      pendingHits.push(hit.entityId);
      reasons.push({ code: 'SCREEN_POTENTIAL_MATCH', detail: `${ref}: held for supervisor review` });
    }
  }

  // PEPs: the hit's list entry carries the country of the function.
  for (const hit of input.hits) {
    if (hit.list !== 'PEP' || hit.score < t.review) continue;
    const decision = decided.get(hit.entityId);
    if (decision === 'false-positive') continue;
    if (decision !== 'true-match') {
      floor = maxBand(floor, 'HIGH');
      pendingHits.push(hit.entityId);
      reasons.push({ code: 'PEP_POTENTIAL_MATCH', detail: `list=PEP, ref=${hit.ref}, score=${hit.score}: held for supervisor review` });
      continue;
    }
    const pepCountry = hit.pepCountry;
    if (pepCountry && pepCountry !== home) {
      floor = maxBand(floor, 'HIGH');
      reasons.push({ code: 'PEP_FOREIGN', detail: `PEP of ${pepCountry}${hit.position ? ` (${hit.position})` : ''}` });
    } else {
      floor = maxBand(floor, 'MEDIUM');
      reasons.push({ code: 'PEP_DOMESTIC', detail: `domestic PEP${hit.position ? ` (${hit.position})` : ''}` });
    }
  }

  const f = input.factors ?? {};
  if (f.fatfCountry === 'black') {
    floor = maxBand(floor, 'HIGH');
    reasons.push({ code: 'GEO_FATF_BLACK', detail: 'nationality or residence in a FATF call-for-action jurisdiction' });
  }
  if (f.domesticPep) {
    floor = maxBand(floor, 'MEDIUM');
    reasons.push({ code: 'PEP_DOMESTIC', detail: 'declared domestic PEP' });
  }

  // Layer 2: weighted factors.
  let score = 0;
  const add = (code: string, points: number, detail: string): void => {
    if (points <= 0) return;
    score += points;
    reasons.push({ code, detail, points });
  };
  if (f.customerType) add('CUSTOMER_TYPE', w.customerType[f.customerType], f.customerType);
  if (f.residence) add('GEO_RESIDENCE', w.residence[f.residence], f.residence);
  if (f.fatfCountry === 'grey') add('GEO_FATF_GREY', w.fatfGrey, 'FATF increased-monitoring jurisdiction');
  if (f.identityAssurance) add('ID_ASSURANCE', w.identityAssurance[f.identityAssurance], f.identityAssurance);
  if (f.channel) add('CHANNEL', w.channel[f.channel], f.channel);
  if (f.expectedActivity) add('EXPECTED_ACTIVITY', w.expectedActivity[f.expectedActivity], f.expectedActivity);
  if (clearedAny) add('SCREEN_RESIDUE', w.clearedPotentialMatch, 'a potential match was cleared');
  const scored: RiskBand = score >= w.highFrom ? 'HIGH' : score >= w.mediumFrom ? 'MEDIUM' : 'LOW';
  const band = maxBand(floor, scored);
  return {
    band,
    score,
    reasons,
    pendingHits,
    pendingReview: pendingHits.length > 0,
    reKycYears: band === 'LOW' ? 10 : band === 'MEDIUM' ? 8 : 2,
  };
}

/** The next periodic re-KYC date (YYYY-MM-DD) from the assessment date. */
export function nextReKycDate(assessedOn: Date, years: number): string {
  const d = new Date(Date.UTC(assessedOn.getUTCFullYear() + years, assessedOn.getUTCMonth(), assessedOn.getUTCDate()));
  return d.toISOString().slice(0, 10);
}
