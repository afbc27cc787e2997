/**
 * The in-memory candidate index over every list name: token ids, a token
 * inverted index (token → names), rarity weights, and a padded-trigram index
 * over the distinct tokens as the typo fallback (query token → similar list
 * tokens → their names). Built once per bundle.
 */
import type { EntityName, WatchlistEntity } from './model';
import { parseName } from './normalize';
import { letterMask, paddedTrigrams } from './similar-tokens';

/** Name tokens that are so common among Indian and Muslim customers that they must never carry a match alone. */
export const COMMON_NAME_TOKENS = new Set([
  'kumar', 'singh', 'kaur', 'devi', 'lal', 'ram', 'prasad', 'chand', 'bai', 'ben', 'bhai', 'begum', 'bibi', 'khatun', 'khatoon',
  'ali', 'khan', 'muhammad', 'ahmed', 'ahmad', 'kumari', 'rani', 'sharma', 'verma', 'gupta', 'yadav', 'das', 'nath', 'raj',
  'shah', 'bin', 'bint', 'ibn', 'abu', 'al', 'el', 'ul', 'ud', 'din', 'uddin', 'abdul', 'abdel', 'abd', 'mohammed', 'mohammad',
  'hussain', 'hasan', 'hassan', 'rahman', 'patel', 'reddy', 'rao', 'naidu', 'pillai', 'nair', 'babu', 'kaur', 'mian', 'miya',
]);

export const NAME_KIND_CODES: EntityName['kind'][] = ['primary', 'aka', 'fka', 'weak'];

export interface WatchlistIndex {
  readonly entities: readonly WatchlistEntity[];
  /** Per indexed name: owning entity, which of its names, and the name's token ids in order. */
  readonly nameEntity: Int32Array;
  readonly nameOrdinal: Int32Array;
  readonly nameTokens: Int32Array[];
  /** Per distinct token: folded key, weight (rarity), initial flag, postings (name ids). */
  readonly tokenKeys: string[];
  readonly tokenWeight: Float32Array;
  readonly tokenInitial: Uint8Array;
  readonly postings: Int32Array[];
  readonly tokenIdByKey: Map<string, number>;
  /**
   * Padded trigram → the distinct tokens holding it, each entry packed as
   * (length << trigramIdBits) | token id and sorted, so a lookup scans one
   * length range without touching per-token memory.
   */
  readonly trigramTokens: Map<string, Int32Array>;
  readonly trigramIdBits: number;
  readonly tokenLength: Uint16Array;
  /** Per distinct token: one bit per letter it contains (a cheap bound before Jaro-Winkler). */
  readonly tokenMask: Uint32Array;
  /** Cache: query key → similar list tokens with their similarity (sim ≥ SIMILAR_TOKEN_MIN). */
  readonly similarCache: Map<string, SimilarTokens>;
  readonly buildMs: number;
}

export interface SimilarTokens {
  ids: Int32Array;
  sims: Float32Array;
}

/** Rarity weight from the document frequency: rare tokens 1.0, the most common ~0.3; common name parts capped. */
function rarityWeight(key: string, df: number, totalNames: number, initial: boolean, title: boolean): number {
  if (initial) return 0.25;
  const idf = Math.log((totalNames + 1) / (df + 1));
  const max = Math.log(totalNames + 1);
  let w = 0.3 + 0.7 * Math.min(1, idf / (max * 0.85));
  if (COMMON_NAME_TOKENS.has(key)) w = Math.min(w, 0.35);
  if (title) w *= 0.5;
  return w;
}

export function buildIndex(entities: readonly WatchlistEntity[], now: () => number = () => Date.now()): WatchlistIndex {
  const t0 = now();
  const tokenIdByKey = new Map<string, number>();
  const tokenKeys: string[] = [];
  const tokenTitle: number[] = [];
  const tokenInitialArr: number[] = [];
  const postingLists: number[][] = [];
  const nameEntity: number[] = [];
  const nameOrdinal: number[] = [];
  const nameTokens: Int32Array[] = [];
  const seenPerEntity = new Set<string>();

  entities.forEach((entity, e) => {
    seenPerEntity.clear();
    entity.names.forEach((n, ordinal) => {
      for (const variant of parseName(n.name).variants) {
        const keys = variant.tokens.map((t) => t.key);
        const sig = keys.join(' ');
        if (keys.length === 0 || seenPerEntity.has(sig)) continue;
        seenPerEntity.add(sig);
        const nameId = nameTokens.length;
        const ids = new Int32Array(keys.length);
        variant.tokens.forEach((t, i) => {
          let id = tokenIdByKey.get(t.key);
          if (id === undefined) {
            id = tokenKeys.length;
            tokenIdByKey.set(t.key, id);
            tokenKeys.push(t.key);
            tokenTitle.push(t.title ? 1 : 0);
            tokenInitialArr.push(t.initial ? 1 : 0);
            postingLists.push([]);
          }
          ids[i] = id;
          const pl = postingLists[id]!;
          if (pl[pl.length - 1] !== nameId) pl.push(nameId);
        });
        nameEntity.push(e);
        nameOrdinal.push(ordinal);
        nameTokens.push(ids);
      }
    });
  });

  const totalNames = nameTokens.length;
  const tokenWeight = new Float32Array(tokenKeys.length);
  const trigramLists = new Map<string, number[]>();
  tokenKeys.forEach((key, id) => {
    tokenWeight[id] = rarityWeight(key, postingLists[id]!.length, totalNames, tokenInitialArr[id] === 1, tokenTitle[id] === 1);
    if (key.length < 2) return;
    for (const g of new Set(paddedTrigrams(key))) {
      let l = trigramLists.get(g);
      if (!l) trigramLists.set(g, (l = []));
      l.push(id);
    }
  });
  const trigramIdBits = Math.max(1, Math.ceil(Math.log2(tokenKeys.length + 1)));
  const lengthCap = 2 ** (31 - trigramIdBits) - 1;
  const trigramTokens = new Map<string, Int32Array>();
  for (const [g, l] of trigramLists) {
    const packed = Int32Array.from(l, (id) => (Math.min(lengthCap, tokenKeys[id]!.length) << trigramIdBits) | id);
    trigramTokens.set(g, packed.sort());
  }

  return {
    entities,
    nameEntity: Int32Array.from(nameEntity),
    nameOrdinal: Int32Array.from(nameOrdinal),
    nameTokens,
    tokenKeys,
    tokenWeight,
    tokenInitial: Uint8Array.from(tokenInitialArr),
    postings: postingLists.map((l) => Int32Array.from(l)),
    tokenIdByKey,
    trigramTokens,
    trigramIdBits,
    tokenLength: Uint16Array.from(tokenKeys, (k) => Math.min(65535, k.length)),
    tokenMask: Uint32Array.from(tokenKeys, letterMask),
    similarCache: new Map(),
    buildMs: now() - t0,
  };
}
