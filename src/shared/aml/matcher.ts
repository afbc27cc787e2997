/**
 * Screening one subject against the index: candidates from the token index
 * (with the trigram fallback for typos), token-level Jaro-Winkler with greedy
 * best-pair alignment, rarity-weighted; then DOB / country / gender as
 * qualifiers that only lower a score when they contradict. Every hit carries
 * its explanation.
 */
import { countryQualifier, dobQualifier, genderQualifier, type Qualifier } from './qualifiers';
import { SIMILAR_TOKEN_MIN, similarTokens } from './similar-tokens';
import type { WatchlistIndex } from './token-index';
import { foldToken, parseName, type NameToken } from './normalize';
import type { EntityName, ListId, ScreeningSubject, WatchlistEntity } from './model';
import { parseListDate } from './dates';
import { toCountryCode } from './countries';

export const MATCHER_VERSION = 'vdex-aml-matcher/1';

export interface MatcherOptions {
  /** Hits below this are not returned (they are not evidence of anything). */
  minScore: number;
  maxHits: number;
  /** Weight of an unmatched list-side token relative to an unmatched query token. */
  unmatchedListWeight: number;
  /** Multiplier for weak aliases (OFAC quoted remark AKAs, UN "Low" quality). */
  weakAliasFactor: number;
}

export const DEFAULT_MATCHER_OPTIONS: MatcherOptions = { minScore: 0.7, maxHits: 10, unmatchedListWeight: 0.25, weakAliasFactor: 0.92 };

/** Candidate prefilter: the share of the query's weight that must be matched for a name to be scored. */
const PREFILTER_SHARE = 0.6;

export interface TokenAlignment {
  query: string;
  list: string;
  similarity: number;
  how: 'exact' | 'folded' | 'fuzzy' | 'initial';
}

export interface HitExplanation {
  /** The list name that matched best and what kind it is. */
  matchedName: string;
  matchedNameKind: EntityName['kind'];
  tokens: TokenAlignment[];
  unmatchedQuery: string[];
  unmatchedList: string[];
  nameScore: number;
  qualifiers: Qualifier[];
  /** Plain sentences for the reviewer. */
  notes: string[];
}

export interface ScreeningHit {
  entityId: string;
  list: ListId;
  ref: string;
  kind: WatchlistEntity['kind'];
  primaryName: string;
  programs: string[];
  score: number;
  /** PEP entries: the public function and the country it is held in. */
  position?: string;
  pepCountry?: string;
  explanation: HitExplanation;
}

interface QueryToken { token: NameToken; weight: number; similar: Map<number, number> | null }

interface Scored { score: number; pairs: Array<[number, number, number]> }

let acc = new Float32Array(0);
const accTouched: number[] = [];

function queryTokens(index: WatchlistIndex, tokens: NameToken[]): QueryToken[] {
  return tokens.map((token) => {
    if (token.initial) return { token, weight: 0.25, similar: null };
    const sim = similarTokens(index, token.key);
    const similar = new Map<number, number>();
    let bestSim = 0;
    let weight = 1;
    for (let i = 0; i < sim.ids.length; i++) {
      similar.set(sim.ids[i]!, sim.sims[i]!);
      if (sim.sims[i]! > bestSim) { bestSim = sim.sims[i]!; weight = index.tokenWeight[sim.ids[i]!]!; }
    }
    if (token.title) weight *= 0.5;
    return { token, weight, similar };
  });
}

function pairSimilarity(index: WatchlistIndex, q: QueryToken, tokenId: number): number {
  if (q.similar === null) {
    // Query initial: any list token starting with the letter.
    return index.tokenKeys[tokenId]!.charCodeAt(0) === q.token.key.charCodeAt(0) ? 0.9 : 0;
  }
  const s = q.similar.get(tokenId);
  if (s !== undefined) return s;
  if (index.tokenInitial[tokenId] === 1 && q.token.key.charCodeAt(0) === index.tokenKeys[tokenId]!.charCodeAt(0)) return 0.9;
  return 0;
}

/** Greedy best-pair alignment of the query tokens to one list name; order-insensitive. */
function scoreName(index: WatchlistIndex, q: QueryToken[], qWeight: number, nameId: number, unmatchedListWeight: number): Scored {
  const ids = index.nameTokens[nameId]!;
  const pairs: Array<[number, number, number]> = [];
  const listLen = Math.min(ids.length, 31);
  for (let i = 0; i < q.length; i++) {
    for (let j = 0; j < listLen; j++) {
      const s = pairSimilarity(index, q[i]!, ids[j]!);
      if (s >= SIMILAR_TOKEN_MIN) pairs.push([i, j, s]);
    }
  }
  pairs.sort((a, b) => b[2] - a[2]);
  let usedQ = 0;
  let usedL = 0;
  const chosen: Array<[number, number, number]> = [];
  let num = 0;
  let matchedListWeight = 0;
  for (const p of pairs) {
    const qb = 1 << p[0];
    const lb = 1 << p[1];
    if (usedQ & qb || usedL & lb) continue;
    usedQ |= qb;
    usedL |= lb;
    chosen.push(p);
    const wl = index.tokenWeight[ids[p[1]]!]!;
    num += p[2] * (q[p[0]]!.weight + wl);
    matchedListWeight += wl;
  }
  let unmatchedList = 0;
  for (let j = 0; j < ids.length; j++) if (j >= 31 || !(usedL & (1 << j))) unmatchedList += index.tokenWeight[ids[j]!]!;
  const den = qWeight + matchedListWeight + unmatchedListWeight * unmatchedList;
  return { score: den > 0 ? num / den : 0, pairs: chosen };
}

/** Screens one subject. Never throws on odd input: an unusable name gives no hits. */
export function screen(index: WatchlistIndex, subject: ScreeningSubject, options: Partial<MatcherOptions> = {}): ScreeningHit[] {
  const opts = { ...DEFAULT_MATCHER_OPTIONS, ...options };
  const parsed = parseName(typeof subject.name === 'string' ? subject.name : '');
  const wantKind = subject.kind ?? 'person';
  const dob = parseListDate(subject.dob);
  const country = toCountryCode(subject.country);
  const best = new Map<number, { score: number; nameId: number; q: QueryToken[]; pairs: Array<[number, number, number]>; variant: number; nameScore: number; quals: Qualifier[] }>();
  if (acc.length < index.nameTokens.length) acc = new Float32Array(index.nameTokens.length);

  parsed.variants.forEach((variant, variantNo) => {
    for (const tokens of [variant.tokens, ...gluedVariants(index, variant.tokens)]) screenVariant(tokens, variantNo);
  });

  function screenVariant(tokens: NameToken[], variantNo: number): void {
    // Alignment uses 32-bit masks: names longer than that are cut (no real name has 32 parts).
    const q = queryTokens(index, tokens.slice(0, 31));
    let qWeight = 0;
    let searchWeight = 0;
    for (const t of q) { qWeight += t.weight; if (t.similar) searchWeight += t.weight; }
    if (searchWeight === 0) return;
    for (const t of q) {
      if (!t.similar) continue;
      for (const [tokenId, s] of t.similar) {
        const pl = index.postings[tokenId]!;
        const add = t.weight * s;
        for (let k = 0; k < pl.length; k++) {
          const n = pl[k]!;
          if (acc[n] === 0) accTouched.push(n);
          acc[n]! += add;
        }
      }
    }
    const need = searchWeight * PREFILTER_SHARE;
    for (const nameId of accTouched) {
      const reached = acc[nameId]!;
      acc[nameId] = 0;
      if (reached < need) continue;
      const e = index.nameEntity[nameId]!;
      const entity = index.entities[e]!;
      if (wantKind === 'person' ? entity.kind !== 'person' : entity.kind === 'person') continue;
      const scored = scoreName(index, q, qWeight, nameId, opts.unmatchedListWeight);
      let nameScore = scored.score;
      if (entity.names[index.nameOrdinal[nameId]!]!.kind === 'weak') nameScore *= opts.weakAliasFactor;
      if (nameScore < opts.minScore - 0.001) continue;
      const quals = [dobQualifier(dob, entity), countryQualifier(country, entity), genderQualifier(subject.gender, entity)].filter((x): x is Qualifier => x !== null);
      const score = Math.max(0, Math.min(1, nameScore + quals.reduce((s, x) => s + x.delta, 0)));
      const prev = best.get(e);
      if (!prev || score > prev.score) best.set(e, { score, nameId, q, pairs: scored.pairs, variant: variantNo, nameScore, quals });
    }
    accTouched.length = 0;
  }

  const hits: ScreeningHit[] = [];
  for (const [e, b] of best) {
    if (b.score < opts.minScore) continue;
    hits.push(explainHit(index, index.entities[e]!, b, parsed.droppedHonorifics, parsed.relation?.marker));
  }
  hits.sort((a, b) => b.score - a.score || a.entityId.localeCompare(b.entityId));
  return hits.slice(0, opts.maxHits);
}

/**
 * "Mus ab" → "Musab", "Abdul Rahman" → "Abdulrahman": glue a short token to its
 * neighbour, only when the glued form is itself a list token (at most two extra variants).
 */
function gluedVariants(index: WatchlistIndex, tokens: NameToken[]): NameToken[][] {
  const out: NameToken[][] = [];
  for (let i = 0; i + 1 < tokens.length && out.length < 2; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1]!;
    if (a.initial || b.initial || (a.raw.length > 3 && b.raw.length > 3 && a.key !== 'abdul')) continue;
    const raw = a.raw + b.raw;
    if (!index.tokenIdByKey.has(foldToken(raw))) continue;
    out.push([...tokens.slice(0, i), { raw, key: foldToken(raw), initial: false, title: false }, ...tokens.slice(i + 2)]);
  }
  return out;
}

function explainHit(
  index: WatchlistIndex,
  entity: WatchlistEntity,
  b: { score: number; nameId: number; q: QueryToken[]; pairs: Array<[number, number, number]>; nameScore: number; quals: Qualifier[] },
  dropped: string[],
  relationMarker: string | undefined,
): ScreeningHit {
  const listName = entity.names[index.nameOrdinal[b.nameId]!]!;
  const ids = index.nameTokens[b.nameId]!;
  // Raw list tokens for display: re-parse the matched name and find the variant with these keys.
  const keys = [...ids].map((id) => index.tokenKeys[id]!);
  const rawVariant = parseName(listName.name).variants.find((v) => v.tokens.map((t) => t.key).join(' ') === keys.join(' '));
  const listRaw = (j: number): string => rawVariant?.tokens[j]?.raw ?? keys[j]!;
  const tokens: TokenAlignment[] = b.pairs.map(([i, j, s]) => {
    const qt = b.q[i]!.token;
    const how: TokenAlignment['how'] = qt.initial || index.tokenInitial[ids[j]!] === 1 ? 'initial' : qt.raw === listRaw(j) ? 'exact' : qt.key === keys[j] ? 'folded' : 'fuzzy';
    return { query: qt.raw, list: listRaw(j), similarity: round(s), how };
  });
  const usedQ = new Set(b.pairs.map((p) => p[0]));
  const usedL = new Set(b.pairs.map((p) => p[1]));
  const unmatchedQuery = b.q.filter((_, i) => !usedQ.has(i)).map((t) => t.token.raw);
  const unmatchedList = keys.map((_, j) => j).filter((j) => !usedL.has(j)).map(listRaw);
  const notes: string[] = [];
  notes.push(`Name ${listName.kind === 'primary' ? 'matches the listed name' : `matches a ${listName.kind === 'weak' ? 'weak (low-quality) alias' : 'listed alias'}`} "${listName.name}" at ${round(b.nameScore)}.`);
  for (const t of tokens) if (t.how !== 'exact') notes.push(`"${t.query}" ≈ "${t.list}" (${t.how}, ${t.similarity}).`);
  if (unmatchedQuery.length) notes.push(`Customer name parts not on the list entry: ${unmatchedQuery.join(', ')}.`);
  if (unmatchedList.length) notes.push(`List name parts not in the customer's name: ${unmatchedList.join(', ')}.`);
  if (dropped.length) notes.push(`Honorifics ignored: ${dropped.join(', ')}.`);
  if (relationMarker) notes.push(`Relation part (${relationMarker} …) kept apart from the name.`);
  for (const q of b.quals) notes.push(q.detail);
  if (entity.dob.length === 0 && entity.kind === 'person') notes.push('No date of birth on the list entry: name-only evidence.');
  const pep = entity.list === 'PEP' ? { ...(entity.position ? { position: entity.position } : {}), ...(entity.pepCountry ? { pepCountry: entity.pepCountry } : {}) } : {};
  return {
    ...pep,
    entityId: entity.id,
    list: entity.list,
    ref: entity.ref,
    kind: entity.kind,
    primaryName: entity.names[0]!.name,
    programs: entity.programs,
    score: round(b.score),
    explanation: { matchedName: listName.name, matchedNameKind: listName.kind, tokens, unmatchedQuery, unmatchedList, nameScore: round(b.nameScore), qualifiers: b.quals, notes },
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
