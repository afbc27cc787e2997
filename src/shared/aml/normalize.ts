/**
 * Name normalisation, applied to both sides (list names at index time, the
 * customer's name at screening time). Order matters:
 *   Unicode (NFKC, Devanagari → Latin, strip diacritics, fold case)
 *   → relation parts (S/O, D/O, W/O, C/O, H/O, "son of" …) cut off
 *   → '@' / "alias" / "a.k.a." split into alternative names
 *   → punctuation to spaces, tokens
 *   → honorifics dropped (Shri, Smt, Kumari, Dr, Late …), religious titles kept at low weight
 *   → abbreviations expanded (Md/Mohd → muhammad, Sk → shaikh …)
 *   → per-token transliteration folding to a matching key.
 */
import { devanagariToLatin, hasDevanagari } from './devanagari';

export interface NameToken {
  /** The token as written, lower-cased and without diacritics. */
  raw: string;
  /** The folded matching key (what the index and the scorer compare). */
  key: string;
  /** A single letter: matches any token starting with it, at low weight. */
  initial: boolean;
  /** A title the lists use as a name part (Hafiz, Haji, Maulana, Sheikh…): kept, weighted down. */
  title: boolean;
}

export interface NormalisedName {
  /** The input after Unicode clean-up, for explanations. */
  display: string;
  tokens: NameToken[];
}

export interface ParsedName {
  /** The subject's name and any '@'/alias alternatives, each normalised. */
  variants: NormalisedName[];
  /** Father's / husband's / guardian's name after S/O, D/O, W/O, C/O (never merged into the name). */
  relation?: { marker: 'S/O' | 'D/O' | 'W/O' | 'C/O' | 'H/O'; name: string };
  /** Honorifics that were dropped, for the explanation. */
  droppedHonorifics: string[];
}

/** Courtesy titles: dropped wherever they stand (they are never name parts). */
export const HONORIFICS = new Set([
  'shri', 'sri', 'shree', 'smt', 'shrimati', 'srimati', 'kumari', 'km', 'kum', 'sushri', 'selvi', 'thiru', 'tiru',
  'thirumathi', 'tmt', 'sardar', 'pandit', 'pt', 'dr', 'doctor', 'late', 'lt', 'mr', 'mrs', 'ms', 'mx', 'miss', 'master',
  'prof', 'professor', 'sir', 'madam', 'capt', 'col', 'gen', 'adv', 'er', 'ca',
]);

/** Religious/honorific titles that the lists carry as parts of names: kept as low-weight tokens. */
export const NAME_TITLES = new Set(['hafiz', 'haji', 'hajji', 'maulana', 'mawlana', 'maulvi', 'mulla', 'mullah', 'mufti', 'qari', 'sheikh', 'shaikh', 'shaykh', 'sayyid', 'syed', 'sayed', 'imam', 'amir', 'emir']);

/** Abbreviations expanded before folding (key = raw token). */
const ABBREVIATIONS: Record<string, string> = {
  md: 'muhammad', mohd: 'muhammad', muhd: 'muhammad', mhd: 'muhammad', mohmd: 'muhammad', mohd_: 'muhammad',
  sk: 'shaikh', shk: 'shaikh', syd: 'syed', abd: 'abdul',
};

/** Known romanisation families that generic folding does not unify: regex on the raw token → key. */
const VARIANT_FAMILIES: Array<[RegExp, string]> = [
  [/^m[ouae]h?[aeo]mm?[aeuo]d$/, 'mohamad'], // Mohammed, Mohammad, Muhammad, Mohamed, Muhamed, Mohamad
  [/^h[ou]s+[ae]i?y?n$/, 'husain'], // Husain, Hussain, Hossain, Husein, Hussein
  [/^ch[ao]w?u?dh?[ao]?u?r[iy]$|^ch[ao]u?dh?ar[iy]$|^ch[ao]wdh?ury$|^chaudhuri$/, 'caudari'], // Chaudhary, Choudhary, Chowdhury, Chaudhuri
  [/^s[ae]?[iy]{1,2}[ae]?d$|^sayy?id$|^saiyy?ed$/, 'said'], // Syed, Sayed, Saiyed, Sayyid, Said
  [/^(sh|s)(ee|i|r[ie]e?)n?i?vas[ae]?$|^s[hr]*[ie]{1,2}nivas[a]?$/, 'srinivas'],
  [/^la(ks|x|ksh)mi$/, 'laksmi'],
  [/^(abdul|abdel|abdal|abdoul|abdool)$/, 'abdul'],
];

/** Matching key of one token: transliteration folding for Indian and Arabic-origin romanisations. */
export function foldToken(raw: string): string {
  for (const [re, key] of VARIANT_FAMILIES) if (re.test(raw)) return key;
  if (raw.length <= 1) return raw;
  // Doubled letters first (Shhah, Muhammmad), so the digraph rules below see clean input.
  let s = raw.replace(/ee/g, 'i').replace(/oo/g, 'u').replace(/(.)\1+/g, '$1');
  // Aspirates and digraphs (th→t, dh→d, bh→b, gh→g, kh→k, ph→f, sh→s, jh→j, ch/chh→c), then single letters.
  s = s.replace(/chh|ch/g, 'c').replace(/([tdbgkj])h/g, '$1').replace(/ph/g, 'f').replace(/sh/g, 's');
  s = s.replace(/w/g, 'v').replace(/q/g, 'k').replace(/z/g, 'j').replace(/x/g, 'ks').replace(/ck/g, 'k');
  // Y/J: a leading y is j (Yusuf/Jusuf); elsewhere y is a vowel glide, i (Ajay/Ajai, Vijay/Vijai).
  s = s.replace(/^y/, 'j').replace(/y/g, 'i');
  // Long vowels and doubled letters: aa→a, ee→i, oo→u; Sunil/Suneel, Rohit/Rohith, Hassan/Hasan.
  s = s.replace(/ee/g, 'i').replace(/oo/g, 'u').replace(/(.)\1+/g, '$1');
  // The trailing schwa: Ramesh/Ramesha, Krishna/Krishnaa; only past three letters so short names keep it.
  if (s.length > 4 && s.endsWith('a') && !/[aeiou]a$/.test(s)) s = s.slice(0, -1);
  return s.length > 0 ? s : raw;
}

const RELATION_RE = /\b(?:(s|d|w|c|h)\s*\/\s*o|(son|daughter|wife|husband)\s+of|care\s+of)\b/i;
const ALIAS_SPLIT_RE = /\s@\s?|@|\s+(?:alias|urf|a\.?k\.?a\.?|f\.?k\.?a\.?|n\.?k\.?a\.?)\s+/i;

/** Unicode clean-up: NFKC, Devanagari → Latin, diacritics stripped, case folded, quotes unified. */
export function cleanUnicode(input: string): string {
  let s = input.normalize('NFKC');
  if (hasDevanagari(s)) s = devanagariToLatin(s);
  s = s.normalize('NFD').replace(/\p{M}+/gu, '');
  // Letters without a decomposition.
  s = s.replace(/[ßøØłŁđĐæÆœŒıðþ]/g, (c) => ({ 'ß': 'ss', 'ø': 'o', 'Ø': 'o', 'ł': 'l', 'Ł': 'l', 'đ': 'd', 'Đ': 'd', 'æ': 'ae', 'Æ': 'ae', 'œ': 'oe', 'Œ': 'oe', 'ı': 'i', 'ð': 'd', 'þ': 'th' })[c] ?? c);
  s = s.toLowerCase().replace(/[\u2018\u2019\u02bc\u0060\u00b4']/g, '');
  return s;
}

function tokenise(text: string, dropped: string[]): NameToken[] {
  const words = text.replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(' ').filter((w) => w.length > 0);
  const tokens: NameToken[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (HONORIFICS.has(w) && words.length > 1) {
      dropped.push(w);
      continue;
    }
    const expanded = ABBREVIATIONS[w] ?? w;
    tokens.push({ raw: w, key: foldToken(expanded), initial: expanded.length === 1, title: NAME_TITLES.has(w) });
  }
  return tokens;
}

/** Full parse of a customer's or a list entry's name. Never throws. */
export function parseName(input: string): ParsedName {
  const dropped: string[] = [];
  let text = cleanUnicode(typeof input === 'string' ? input : String(input));
  let relation: ParsedName['relation'];
  const rel = RELATION_RE.exec(text);
  if (rel && rel.index > 0) {
    const letter = (rel[1] ?? rel[2]?.[0] ?? 'c').toUpperCase();
    const marker = `${letter === 'H' && rel[2] === 'husband' ? 'H' : letter}/O` as NonNullable<ParsedName['relation']>['marker'];
    relation = { marker, name: text.slice(rel.index + rel[0].length).replace(/[^\p{L}\p{N}]+/gu, ' ').trim() };
    text = text.slice(0, rel.index);
  }
  const parts = text.split(ALIAS_SPLIT_RE).map((p) => p.trim()).filter((p) => /[\p{L}\p{N}]/u.test(p));
  const variants = parts.map((p) => ({ display: p.replace(/\s+/g, ' '), tokens: tokenise(p, dropped) })).filter((v) => v.tokens.length > 0);
  return relation ? { variants, relation, droppedHonorifics: dropped } : { variants, droppedHonorifics: dropped };
}

/** The folded keys of a name, in order (for the index). */
export function nameKeys(input: string): string[][] {
  return parseName(input).variants.map((v) => v.tokens.map((t) => t.key));
}
