/**
 * Devanagari → Latin for personal names (the Aadhaar local-language name).
 * Hand-written rather than `@indic-transliteration/sanscript` because name
 * matching needs schwa deletion (राजेश → "rajesh", not "rAjeza"/"rājeśa"),
 * which scholarly schemes deliberately keep; the table is small and fixed.
 */
const VOWELS: Record<string, string> = {
  'अ': 'a', 'आ': 'aa', 'इ': 'i', 'ई': 'ee', 'उ': 'u', 'ऊ': 'oo', 'ऋ': 'ri', 'ए': 'e', 'ऐ': 'ai', 'ओ': 'o', 'औ': 'au', 'ऑ': 'o',
};
const MATRAS: Record<string, string> = {
  'ा': 'aa', 'ि': 'i', 'ी': 'ee', 'ु': 'u', 'ू': 'oo', 'ृ': 'ri', 'े': 'e', 'ै': 'ai', 'ो': 'o', 'ौ': 'au', 'ॉ': 'o',
};
const CONSONANTS: Record<string, string> = {
  'क': 'k', 'ख': 'kh', 'ग': 'g', 'घ': 'gh', 'ङ': 'n', 'च': 'ch', 'छ': 'chh', 'ज': 'j', 'झ': 'jh', 'ञ': 'n',
  'ट': 't', 'ठ': 'th', 'ड': 'd', 'ढ': 'dh', 'ण': 'n', 'त': 't', 'थ': 'th', 'द': 'd', 'ध': 'dh', 'न': 'n',
  'प': 'p', 'फ': 'ph', 'ब': 'b', 'भ': 'bh', 'म': 'm', 'य': 'y', 'र': 'r', 'ल': 'l', 'व': 'v', 'श': 'sh',
  'ष': 'sh', 'स': 's', 'ह': 'h', 'ळ': 'l', 'क़': 'q', 'ख़': 'kh', 'ग़': 'gh', 'ज़': 'z', 'ड़': 'r', 'ढ़': 'rh', 'फ़': 'f', 'य़': 'y',
};
const NUKTA_BASE: Record<string, string> = { 'क': 'क़', 'ख': 'ख़', 'ग': 'ग़', 'ज': 'ज़', 'ड': 'ड़', 'ढ': 'ढ़', 'फ': 'फ़', 'य': 'य़' };
const VIRAMA = '्';
const NUKTA = '़';
const DIGITS = '०१२३४५६७८९';

export function hasDevanagari(s: string): boolean {
  return /[\u0900-\u097F]/.test(s);
}

interface Syllable { consonant: string; vowel: string | null; inherent: boolean }

/** Transliterates the Devanagari runs of a string; other characters pass through. */
export function devanagariToLatin(input: string): string {
  return input.normalize('NFC').replace(/[\u0900-\u097F]+/g, (run) => transliterateWord(run));
}

function transliterateWord(word: string): string {
  const chars = [...word.normalize('NFD')];
  const syl: Syllable[] = [];
  let out = '';
  const flush = (): void => {
    // Schwa deletion: drop the final inherent 'a', and a medial one between two
    // consonants when the next syllable carries a vowel (VC(a)CV → VCCV).
    for (let i = 0; i < syl.length; i++) {
      const s = syl[i]!;
      if (!s.inherent) continue;
      const last = i === syl.length - 1;
      if (last && syl.length > 1) { s.inherent = false; s.vowel = null; }
      else if (!last && i > 0 && syl[i - 1]!.vowel !== null && syl[i + 1]!.vowel !== null && !syl[i + 1]!.inherent && i + 1 < syl.length - 1) { s.inherent = false; s.vowel = null; }
    }
    for (const s of syl) out += s.consonant + (s.inherent ? 'a' : (s.vowel ?? ''));
    syl.length = 0;
  };
  for (let i = 0; i < chars.length; i++) {
    let c = chars[i]!;
    if (chars[i + 1] === NUKTA && NUKTA_BASE[c]) {
      c = NUKTA_BASE[c]!;
      i++;
    }
    const cons = CONSONANTS[c];
    if (cons !== undefined) {
      syl.push({ consonant: cons, vowel: 'a', inherent: true });
      continue;
    }
    const prev = syl[syl.length - 1];
    if (c === VIRAMA) {
      if (prev) { prev.inherent = false; prev.vowel = null; }
      continue;
    }
    const matra = MATRAS[c];
    if (matra !== undefined) {
      if (prev) { prev.inherent = false; prev.vowel = matra; }
      continue;
    }
    if (c === 'ं' || c === 'ँ') {
      if (prev) { if (prev.inherent) { prev.inherent = false; prev.vowel = 'a'; } prev.vowel = (prev.vowel ?? '') + 'n'; } else out += 'n';
      continue;
    }
    if (c === 'ः') { if (prev) { prev.inherent = false; prev.vowel = (prev.vowel ?? 'a') + 'h'; } continue; }
    const vowel = VOWELS[c];
    if (vowel !== undefined) {
      syl.push({ consonant: '', vowel, inherent: false });
      continue;
    }
    const d = DIGITS.indexOf(c);
    flush();
    out += d >= 0 ? String(d) : c === NUKTA ? '' : ' ';
  }
  flush();
  return out;
}
