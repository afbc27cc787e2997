/**
 * Cross-match of name, date of birth and gender between the identity sources a
 * case collected (Aadhaar eKYC, PAN, passport). Pure: the decision gets a score
 * and the reasons behind it, never just a yes or no.
 *
 * Rules follow kyc-domain.md section 3: titles and relation prefixes dropped,
 * tokens compared order-independently, initials accepted, dropped middle names
 * tolerated, transliteration variants folded, common tokens (KUMAR, DEVI...)
 * weighted low; Aadhaar may hold only a year of birth. Bands: >= 0.90 match,
 * 0.75-0.90 review, < 0.75 mismatch.
 */
import { jaroWinkler } from './jaro-winkler';

export type IdentitySource = 'aadhaar' | 'pan' | 'passport';
export type Gender = 'M' | 'F' | 'T';

export interface IdentityClaim {
  source: IdentitySource;
  name?: string | undefined;
  /** YYYY-MM-DD, DD-MM-YYYY, DD/MM/YYYY or a bare YYYY (Aadhaar year of birth). */
  dob?: string | undefined;
  gender?: string | undefined;
}

export type MatchBand = 'match' | 'review' | 'mismatch';

export interface FieldMatch {
  score: number;
  /** Short, stable reason code, e.g. `exact`, `initials`, `year-only`. */
  reason: string;
  detail: string;
}

export interface PairMatch {
  sources: [IdentitySource, IdentitySource];
  name?: FieldMatch;
  dob?: FieldMatch;
  gender?: FieldMatch;
  score: number;
  band: MatchBand;
}

export interface CrossMatchResult {
  /** The weakest pair decides: one source that disagrees is enough to review. */
  score: number;
  band: MatchBand;
  pairs: PairMatch[];
  /** One line per field per pair, for the reviewer. */
  explanation: string[];
  /** Sources that had no usable fields and were left out. */
  skipped: IdentitySource[];
}

export const BANDS = { match: 0.9, review: 0.75 } as const;
const WEIGHTS = { name: 0.6, dob: 0.3, gender: 0.1 } as const;

const TITLES = new Set(['MR', 'MRS', 'MS', 'MISS', 'SHRI', 'SHREE', 'SRI', 'SMT', 'KUM', 'KUMARI', 'DR', 'LATE', 'SHRIMATI', 'MASTER', 'BABY']);
const RELATION_PREFIX = /\b(S|D|W|C)\s*\/\s*O\b.*$/;
/** Frequent given-name parts that say little about who someone is. */
const COMMON_TOKENS = new Set(['KUMAR', 'KUMARI', 'DEVI', 'KAUR', 'SINGH', 'BAI', 'BEN', 'BHAI', 'LAL', 'RANI', 'MD', 'MOHAMMAD', 'MOHAMMED', 'MOHD']);
const COMMON_WEIGHT = 0.3;

export function bandOf(score: number): MatchBand {
  return score >= BANDS.match ? 'match' : score >= BANDS.review ? 'review' : 'mismatch';
}

/** Upper case, no titles, no care-of tail, no punctuation, single spaces; returns the tokens. */
export function normaliseName(name: string): string[] {
  const upper = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toUpperCase();
  const withoutRelation = upper.replace(RELATION_PREFIX, ' ');
  return withoutRelation
    .replace(/[^A-Z\s]/g, ' ')
    .split(/\s+/)
    .filter((t) => t.length > 0 && !TITLES.has(t));
}

/** Folds common Indian-name transliteration variants onto one key (LAKSHMI/LAXMI, DEEPAK/DIPAK, V/W, silent H). */
export function phoneticKey(token: string): string {
  return token
    .replace(/X/g, 'KS')
    .replace(/KSH/g, 'KS')
    .replace(/W/g, 'V')
    .replace(/PH/g, 'F')
    .replace(/Z/g, 'J')
    .replace(/Q/g, 'K')
    .replace(/EE|II|IE|EI/g, 'I')
    .replace(/OO|OU|UU/g, 'U')
    .replace(/AA/g, 'A')
    .replace(/Y$/g, 'I')
    .replace(/([BCDGJKPST])H/g, '$1')
    .replace(/SH/g, 'S')
    .replace(/(.)\1+/g, '$1')
    .replace(/(?<=.)H$/, '');
}

interface TokenPair { a: string; b: string; sim: number; how: string }

function tokenSimilarity(a: string, b: string): { sim: number; how: string } {
  if (a === b) return { sim: 1, how: 'exact' };
  if (a.length === 1 || b.length === 1) {
    const [short, long] = a.length === 1 ? [a, b] : [b, a];
    return long.startsWith(short) ? { sim: 0.85, how: 'initial' } : { sim: 0, how: 'none' };
  }
  if (phoneticKey(a) === phoneticKey(b)) return { sim: 0.95, how: 'spelling-variant' };
  const jw = jaroWinkler(a, b);
  return jw >= 0.88 ? { sim: jw * 0.9, how: 'similar' } : { sim: 0, how: 'none' };
}

const weightOf = (t: string) => (COMMON_TOKENS.has(t) ? COMMON_WEIGHT : 1);

export function compareNames(nameA: string, nameB: string): FieldMatch {
  const a = normaliseName(nameA);
  const b = normaliseName(nameB);
  if (a.length === 0 || b.length === 0) return { score: 0, reason: 'empty', detail: 'a name is empty after normalisation' };
  if (a.join(' ') === b.join(' ')) return { score: 1, reason: 'exact', detail: `same name "${a.join(' ')}"` };
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  // Greedy best pairing; names have a handful of tokens, so the exhaustive version buys nothing.
  const candidates: TokenPair[] = [];
  for (const s of short) for (const l of long) candidates.push({ a: s, b: l, ...tokenSimilarity(s, l) });
  candidates.sort((x, y) => y.sim - x.sim);
  const usedShort = new Set<number>();
  const usedLong = new Set<number>();
  const pairs: TokenPair[] = [];
  for (const c of candidates) {
    if (c.sim <= 0) break;
    const si = short.findIndex((t, i) => t === c.a && !usedShort.has(i));
    const li = long.findIndex((t, i) => t === c.b && !usedLong.has(i));
    if (si < 0 || li < 0) continue;
    usedShort.add(si);
    usedLong.add(li);
    pairs.push(c);
  }
  const shortWeight = short.reduce((s, t) => s + weightOf(t), 0);
  const longWeight = long.reduce((s, t) => s + weightOf(t), 0);
  const matchedShort = pairs.reduce((s, p) => s + weightOf(p.a) * p.sim, 0);
  const matchedLong = pairs.reduce((s, p) => s + weightOf(p.b) * p.sim, 0);
  // Mostly "does every token of the shorter name appear", a little "how much of the longer is explained".
  let score = 0.85 * (matchedShort / shortWeight) + 0.15 * (matchedLong / longWeight);
  // A match carried only by common tokens (KUMAR = KUMAR) proves nothing.
  if (!pairs.some((p) => !COMMON_TOKENS.has(p.a) && p.sim > 0)) score = Math.min(score, 0.5);
  const order = pairs.length > 1 && pairs.some((p, i) => long.indexOf(p.b) !== i) ? ', different order' : '';
  const hows = [...new Set(pairs.filter((p) => p.how !== 'exact').map((p) => `${p.a}~${p.b} (${p.how})`))];
  const unmatched = long.filter((_, i) => !usedLong.has(i));
  const detail = [
    `"${a.join(' ')}" vs "${b.join(' ')}": ${pairs.length}/${short.length} tokens paired${order}`,
    hows.length ? `; ${hows.join(', ')}` : '',
    unmatched.length ? `; unpaired ${unmatched.join(' ')}` : '',
  ].join('');
  const reason = pairs.length < short.length ? 'partial' : hows.length ? pairs.some((p) => p.how === 'initial') ? 'initials' : 'variant' : unmatched.length ? 'subset' : 'reordered';
  return { score: round(score), reason, detail };
}

interface ParsedDob { y: number; m?: number; d?: number }

export function parseDob(input: string): ParsedDob | null {
  const s = input.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$/.exec(s);
  if (m) return valid({ y: +m[1]!, m: +m[2]!, d: +m[3]! });
  m = /^(\d{2})[-/.](\d{2})[-/.](\d{4})$/.exec(s);
  if (m) return valid({ y: +m[3]!, m: +m[2]!, d: +m[1]! });
  m = /^(\d{4})$/.exec(s);
  if (m) return { y: +m[1]! };
  return null;
}

function valid(p: Required<ParsedDob>): ParsedDob | null {
  return p.m >= 1 && p.m <= 12 && p.d >= 1 && p.d <= 31 && p.y >= 1880 ? p : null;
}

export function compareDobs(a: string, b: string): FieldMatch | undefined {
  const pa = parseDob(a);
  const pb = parseDob(b);
  if (!pa || !pb) return undefined;
  if (pa.y !== pb.y) return { score: 0, reason: 'different', detail: `years differ (${pa.y} vs ${pb.y})` };
  if (pa.m === undefined || pb.m === undefined) return { score: 0.8, reason: 'year-only', detail: `same year ${pa.y}; one source holds only the year of birth` };
  if (pa.m === pb.m && pa.d === pb.d) return { score: 1, reason: 'exact', detail: 'same date of birth' };
  if (pa.m === pb.d && pa.d === pb.m) return { score: 0.5, reason: 'day-month-swapped', detail: 'day and month appear swapped' };
  return { score: 0, reason: 'different', detail: 'same year, different day or month' };
}

export function normaliseGender(g: string): Gender | null {
  const s = g.trim().toUpperCase();
  if (s === 'M' || s === 'MALE') return 'M';
  if (s === 'F' || s === 'FEMALE') return 'F';
  if (s === 'T' || s === 'TRANSGENDER' || s === 'O' || s === 'OTHER' || s === 'X') return 'T';
  return null;
}

export function compareGenders(a: string, b: string): FieldMatch | undefined {
  const ga = normaliseGender(a);
  const gb = normaliseGender(b);
  if (!ga || !gb) return undefined;
  return ga === gb ? { score: 1, reason: 'exact', detail: `both ${ga}` } : { score: 0, reason: 'different', detail: `${ga} vs ${gb}` };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function comparePair(a: IdentityClaim, b: IdentityClaim): PairMatch | null {
  const name = a.name && b.name ? compareNames(a.name, b.name) : undefined;
  const dob = a.dob && b.dob ? compareDobs(a.dob, b.dob) : undefined;
  const gender = a.gender && b.gender ? compareGenders(a.gender, b.gender) : undefined;
  const parts = ([['name', name], ['dob', dob], ['gender', gender]] as const).filter((p): p is readonly [keyof typeof WEIGHTS, FieldMatch] => p[1] !== undefined);
  if (parts.length === 0) return null;
  const total = parts.reduce((s, [k]) => s + WEIGHTS[k], 0);
  const score = round(parts.reduce((s, [k, f]) => s + WEIGHTS[k] * f.score, 0) / total);
  return {
    sources: [a.source, b.source],
    ...(name ? { name } : {}),
    ...(dob ? { dob } : {}),
    ...(gender ? { gender } : {}),
    score,
    band: bandOf(score),
  };
}

/**
 * Compares every pair of sources. With one source there is nothing to compare:
 * the score is 1 and the explanation says so (the decision must not read that as corroboration).
 */
export function crossMatch(claims: IdentityClaim[]): CrossMatchResult {
  const usable = claims.filter((c) => c.name || c.dob || c.gender);
  const skipped = claims.filter((c) => !usable.includes(c)).map((c) => c.source);
  const pairs: PairMatch[] = [];
  for (let i = 0; i < usable.length; i++) {
    for (let j = i + 1; j < usable.length; j++) {
      const p = comparePair(usable[i]!, usable[j]!);
      if (p) pairs.push(p);
    }
  }
  if (pairs.length === 0) {
    return { score: 1, band: 'match', pairs, explanation: ['fewer than two sources with comparable fields: nothing cross-matched'], skipped };
  }
  const score = Math.min(...pairs.map((p) => p.score));
  const explanation = pairs.flatMap((p) => {
    const head = `${p.sources[0]} vs ${p.sources[1]}`;
    return [
      `${head}: ${p.score.toFixed(2)} (${p.band})`,
      ...(['name', 'dob', 'gender'] as const).flatMap((k) => (p[k] ? [`  ${k} ${p[k]!.score.toFixed(2)} ${p[k]!.reason}: ${p[k]!.detail}`] : [])),
    ];
  });
  return { score, band: bandOf(score), pairs, explanation, skipped };
}
