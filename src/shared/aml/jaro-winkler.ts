/**
 * Jaro-Winkler similarity. Hand-written: it is the innermost loop of screening
 * (thousands of token pairs per query), so it reuses two flag buffers and never
 * allocates; the npm `jaro-winkler` package allocates arrays per call and has
 * no boost threshold. Boost threshold 0.7 and prefix 4, as Watchman and the
 * original Winkler paper use.
 */
let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

export function jaro(a: string, b: string): number {
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return la === lb ? 1 : 0;
  if (a === b) return 1;
  if (la > flagsA.length) flagsA = new Uint8Array(la * 2);
  if (lb > flagsB.length) flagsB = new Uint8Array(lb * 2);
  flagsA.fill(0, 0, la);
  flagsB.fill(0, 0, lb);
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    const c = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === c) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const m = matches;
  return (m / la + m / lb + (m - transpositions / 2) / m) / 3;
}

export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  if (j < 0.7) return j;
  const max = Math.min(4, a.length, b.length);
  let prefix = 0;
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return j + prefix * 0.1 * (1 - j);
}

/**
 * Token similarity used by the matcher: Jaro-Winkler on the folded keys, damped
 * when the lengths differ a lot (Watchman's length-ratio penalty), so that
 * "ali" does not look like "alimov".
 */
export function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  // One adjacent transposition (el/le, sok/sko) is a typing slip JW scores too low on short tokens.
  if (a.length === b.length && a.length >= 2 && isAdjacentTransposition(a, b)) return 0.9;
  const s = jaroWinkler(a, b);
  const la = a.length;
  const lb = b.length;
  const ratio = la < lb ? la / lb : lb / la;
  return ratio < 0.9 ? s * (1 - (1 - ratio) * 0.3) : s;
}

function isAdjacentTransposition(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i >= a.length - 1) return false;
  if (a.charCodeAt(i) !== b.charCodeAt(i + 1) || a.charCodeAt(i + 1) !== b.charCodeAt(i)) return false;
  return a.slice(i + 2) === b.slice(i + 2);
}
