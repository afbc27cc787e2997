import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenSimilarity } from './jaro-winkler';
import type { WatchlistEntity } from './model';
import { foldToken } from './normalize';
import { computeSimilarTokens, MAX_LENGTH_GAP, paddedTrigrams, SIMILAR_TOKEN_MIN, similarityBound, similarTokens } from './similar-tokens';
import { buildIndex, type WatchlistIndex } from './token-index';

/**
 * The reference the fast path must agree with: every list token within the
 * length gap that shares enough trigrams (or is an adjacent transposition) and
 * reaches SIMILAR_TOKEN_MIN — computed naively over all tokens, no postings, no bounds.
 */
function naiveSimilar(index: WatchlistIndex, key: string): Map<string, number> {
  const out = new Map<string, number>();
  if (index.tokenIdByKey.has(key)) out.set(key, 1);
  if (key.length < 2) return out;
  const grams = new Set(paddedTrigrams(key));
  const need = Math.max(1, Math.ceil(grams.size * 0.2));
  for (const other of index.tokenKeys) {
    if (other === key || other.length < 2 || Math.abs(other.length - key.length) > MAX_LENGTH_GAP) continue;
    const shared = new Set(paddedTrigrams(other).filter((g) => grams.has(g))).size;
    if (shared < need) continue;
    const s = tokenSimilarity(key, other);
    if (s >= SIMILAR_TOKEN_MIN) out.set(other, Math.fround(s)); // the index stores Float32
  }
  for (let i = 0; i + 1 < key.length; i++) {
    const swapped = key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2);
    if (swapped !== key && index.tokenIdByKey.has(swapped) && !out.has(swapped)) out.set(swapped, Math.fround(0.9));
  }
  return out;
}

const asMap = (index: WatchlistIndex, r: { ids: Int32Array; sims: Float32Array }): Map<string, number> =>
  new Map([...r.ids].map((id, i) => [index.tokenKeys[id]!, r.sims[i]!]));

const NAMES = [
  'Dawood Ibrahim Kaskar', 'Hafiz Muhammad Saeed', 'Rajesh Kumar Gupta', 'Sun Wei', 'Abu Bakr al-Baghdadi',
  'Aleksandr Ivanovich Petrov', 'Jose Maria Rodriguez', 'Kim Jong Un', 'Osama bin Laden', 'Sajid Mir',
  'Masood Azhar Alvi', 'Abdul Rehman Makki', 'Zakiur Rehman Lakhvi', 'Syed Salahuddin', 'Tiger Memon',
];
const entities: WatchlistEntity[] = NAMES.map((name, i) => ({
  id: `T:${i}`, list: 'UN', ref: String(i), kind: 'person', names: [{ name, kind: 'primary' }], dob: [], countries: [], programs: [], sourceVersion: 'test',
}));
const index = buildIndex(entities);
const listKeys = index.tokenKeys.filter((k) => k.length >= 2);

describe('similar tokens (candidate generation for unseen query tokens)', () => {
  it('finds typo’d, shortened and transposed forms of list tokens', () => {
    const of = (k: string): string[] => [...asMap(index, computeSimilarTokens(index, k)).keys()];
    expect(of(foldToken('kasker'))).toContain(foldToken('kaskar'));
    expect(of(foldToken('baghdaadi'))).toContain(foldToken('baghdadi'));
    expect(of(foldToken('lakvi'))).toContain(foldToken('lakhvi'));
    expect(of(foldToken('petorv'))).toContain(foldToken('petrov'));
    expect(of('zzzzzz')).toEqual([]);
  });

  it('agrees with the naive all-tokens scan on mutated list tokens', () => {
    const mutated = fc.tuple(fc.constantFrom(...listKeys), fc.nat(), fc.constantFrom('a', 'e', 'i', 'r', 'k', 's', ''), fc.constantFrom('delete', 'insert', 'replace', 'swap'));
    fc.assert(
      fc.property(mutated, ([base, at, ch, op]) => {
        const i = at % base.length;
        const key =
          op === 'delete' ? base.slice(0, i) + base.slice(i + 1)
            : op === 'insert' ? base.slice(0, i) + ch + base.slice(i)
              : op === 'replace' ? base.slice(0, i) + ch + base.slice(i + 1)
                : base.slice(0, i) + (base[i + 1] ?? '') + base[i] + base.slice(i + 2);
        expect(asMap(index, computeSimilarTokens(index, key))).toEqual(naiveSimilar(index, key));
      }),
      { numRuns: 400 },
    );
  });

  it('agrees with the naive scan on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 14 }), (key) => {
      expect(asMap(index, computeSimilarTokens(index, key))).toEqual(naiveSimilar(index, key));
    }), { numRuns: 300 });
  });

  it('never bounds a pair below its real similarity (so pruning loses nothing)', () => {
    const token = fc.string({ unit: fc.constantFrom(...'abdeikmnorsuvz'.split('')), minLength: 1, maxLength: 12 });
    fc.assert(fc.property(token, token, (a, b) => {
      expect(similarityBound(a, b)).toBeGreaterThanOrEqual(tokenSimilarity(a, b) - 1e-9);
    }), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), (a, b) => {
      if (a.length && b.length) expect(similarityBound(a, b)).toBeGreaterThanOrEqual(tokenSimilarity(a, b) - 1e-9);
    }), { numRuns: 1000 });
  });

  it('caches a lookup on the index', () => {
    const first = similarTokens(index, 'kaskr');
    expect(similarTokens(index, 'kaskr')).toBe(first);
    expect(index.similarCache.has('kaskr')).toBe(true);
  });
});
