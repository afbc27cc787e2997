/**
 * Candidate generation for one query token: which distinct list tokens are
 * similar to it (exact, folded-equal, or typo'd). This is the cold path of
 * screening — a name never seen before pays it once per token, then the answer
 * is cached on the index — so it must stay well under a millisecond:
 *   1. padded-trigram postings, each sorted by token length, scanned only over
 *      the lengths within ±MAX_LENGTH_GAP of the query (binary search);
 *   2. a trigram-overlap floor (a share of the query's trigrams);
 *   3. a sound upper bound on the token similarity from precomputed letter
 *      masks, the common prefix and the length ratio, so Jaro-Winkler runs
 *      only on tokens that could reach SIMILAR_TOKEN_MIN (the bound never drops
 *      a token the full computation would keep: results are unchanged);
 *   4. adjacent transpositions looked up directly (short tokens share no trigram).
 * Hand-written: no library offers a token-level fuzzy lookup with this scoring.
 */
import { tokenSimilarity } from './jaro-winkler';
import type { SimilarTokens, WatchlistIndex } from './token-index';

export const SIMILAR_TOKEN_MIN = 0.8;
/** List tokens whose length differs from the query's by more than this are never similar enough. */
export const MAX_LENGTH_GAP = 3;
/** Share of the query's distinct trigrams a list token must hold to be compared. */
const TRIGRAM_SHARE = 0.2;
const SIMILAR_CACHE_MAX = 50_000;

export function paddedTrigrams(key: string): string[] {
  const s = `^${key}$`;
  const out: string[] = [];
  for (let i = 0; i + 3 <= s.length; i++) out.push(s.slice(i, i + 3));
  return out;
}

// Scratch buffers reused across calls (screening is single-threaded per index).
let counts = new Uint16Array(0);
const touched: number[] = [];

/** List tokens similar to a query key, with their similarity (≥ SIMILAR_TOKEN_MIN). Cached on the index. */
export function similarTokens(index: WatchlistIndex, key: string): SimilarTokens {
  const cached = index.similarCache.get(key);
  if (cached) return cached;
  const out = computeSimilarTokens(index, key);
  if (index.similarCache.size >= SIMILAR_CACHE_MAX) index.similarCache.clear();
  index.similarCache.set(key, out);
  return out;
}

export function computeSimilarTokens(index: WatchlistIndex, key: string): SimilarTokens {
  if (counts.length < index.tokenKeys.length) counts = new Uint16Array(index.tokenKeys.length);
  const ids: number[] = [];
  const sims: number[] = [];
  const exact = index.tokenIdByKey.get(key);
  if (exact !== undefined) { ids.push(exact); sims.push(1); }
  if (key.length < 2) return { ids: Int32Array.from(ids), sims: Float32Array.from(sims) };

  const grams = new Set(paddedTrigrams(key));
  const need = Math.max(1, Math.ceil(grams.size * TRIGRAM_SHARE));
  const minLen = key.length - MAX_LENGTH_GAP;
  const maxLen = key.length + MAX_LENGTH_GAP;
  const bits = index.trigramIdBits;
  const idMask = (1 << bits) - 1;
  const lengthCap = 2 ** (31 - bits) - 1;
  // Packed entries sort by length first: scan [minLen, maxLen] only (capped lengths are re-checked below).
  const from = Math.max(0, Math.min(lengthCap, minLen)) << bits;
  const to = Math.min(lengthCap, maxLen) << bits | idMask;
  for (const g of grams) {
    const l = index.trigramTokens.get(g);
    if (!l) continue;
    for (let i = lowerBound(l, from); i < l.length; i++) {
      const e = l[i]!;
      if (e > to) break;
      const t = e & idMask;
      if (counts[t] === 0) touched.push(t);
      counts[t]!++;
    }
  }
  const lengths = index.tokenLength;
  for (let i = 0; i < key.length; i++) bucketCount[bucket(key.charCodeAt(i))]!++;
  const keyMask = letterMask(key);
  const masks = index.tokenMask;
  for (const t of touched) {
    if (counts[t]! >= need && t !== exact && lengths[t]! >= minLen && lengths[t]! <= maxLen && maxBound(key.length, lengths[t]!, keyMask, masks[t]!) >= SIMILAR_TOKEN_MIN - 1e-9) {
      const other = index.tokenKeys[t]!;
      if (boundFromMasks(key, keyMask, other, masks[t]!) >= SIMILAR_TOKEN_MIN - 1e-9) {
        const s = tokenSimilarity(key, other);
        if (s >= SIMILAR_TOKEN_MIN) { ids.push(t); sims.push(s); }
      }
    }
    counts[t] = 0;
  }
  bucketCount.fill(0);
  touched.length = 0;

  // Adjacent transpositions of short tokens share no trigram (sok/sko, abd/adb): look them up directly.
  for (let i = 0; i + 1 < key.length; i++) {
    if (key[i] === key[i + 1]) continue;
    const swapped = key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2);
    const t = index.tokenIdByKey.get(swapped);
    if (t !== undefined && t !== exact && !ids.includes(t)) { ids.push(t); sims.push(0.9); }
  }
  return { ids: Int32Array.from(ids), sims: Float32Array.from(sims) };
}

/** First position in a sorted list whose value is at least `value`. */
function lowerBound(list: Int32Array, value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Bucket of a character for the letter masks: a-z each their own bit, anything else shares by code. */
function bucket(code: number): number {
  return code & 31;
}

/** One bit per character bucket present in the token. */
export function letterMask(token: string): number {
  let m = 0;
  for (let i = 0; i < token.length; i++) m |= 1 << bucket(token.charCodeAt(i));
  return m >>> 0;
}

/**
 * An upper bound on tokenSimilarity(query, other), never below it. Jaro's
 * matches m are characters the two share, so m ≤ c := |query| minus the query
 * characters whose bucket `other` lacks; then jaro ≤ (c/la + c/lb + 1) / 3.
 * Winkler's prefix boost and the length-ratio damping are monotone and applied
 * exactly. An adjacent transposition shares every character, so its fixed 0.9
 * is always under the bound.
 */
export function similarityBound(query: string, other: string): number {
  for (let i = 0; i < query.length; i++) bucketCount[bucket(query.charCodeAt(i))]!++;
  const bound = boundFromMasks(query, letterMask(query), other, letterMask(other));
  bucketCount.fill(0);
  return bound;
}

/** Query characters per bucket (filled for the query being looked up). */
const bucketCount = new Uint32Array(32);

/** Jaro's bound from the letter masks (before Winkler's boost); 0 when nothing is shared. */
function jaroBound(la: number, lb: number, queryMask: number, otherMask: number): number {
  let missing = (queryMask & ~otherMask) >>> 0;
  let shared = la;
  while (missing !== 0) {
    const b = 31 - Math.clz32(missing);
    shared -= bucketCount[b]!;
    missing &= ~(1 << b);
  }
  if (shared > lb) shared = lb;
  return shared <= 0 ? 0 : (shared / la + shared / lb + 1) / 3;
}

function lengthDamping(la: number, lb: number): number {
  const ratio = la < lb ? la / lb : lb / la;
  return ratio < 0.9 ? 1 - (1 - ratio) * 0.3 : 1;
}

/** The bound with the largest possible Winkler prefix (4): needs no access to the other token's text. */
function maxBound(la: number, lb: number, queryMask: number, otherMask: number): number {
  const j = jaroBound(la, lb, queryMask, otherMask);
  const boosted = j >= 0.7 ? j + Math.min(4, la, lb) * 0.1 * (1 - j) : j;
  return boosted * lengthDamping(la, lb);
}

function boundFromMasks(query: string, queryMask: number, other: string, otherMask: number): number {
  const la = query.length;
  const lb = other.length;
  let bound = jaroBound(la, lb, queryMask, otherMask);
  if (bound >= 0.7) {
    const max = Math.min(4, la, lb);
    let prefix = 0;
    while (prefix < max && query.charCodeAt(prefix) === other.charCodeAt(prefix)) prefix++;
    bound += prefix * 0.1 * (1 - bound);
  }
  return bound * lengthDamping(la, lb);
}
