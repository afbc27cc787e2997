/**
 * Which Aadhaar QR format a scanned text is, decided on the text alone (before
 * any big-integer or XML work). Scanners add prefixes and suffixes; strip them.
 */
export type ScanFormat =
  | 'secure-qr'
  | 'legacy-xml'
  | 'signed-xml-qr'
  | 'aadhaar-number'
  | 'unknown';

/** Most decimal digits one QR symbol (version 40-L) can hold. */
export const MAX_QR_DIGITS = 7089;
/** Largest text we look at at all (a version-40 byte-mode QR holds 2,953 bytes; leave margin). */
export const MAX_SCAN_CHARS = 8192;

/** Removes CR/LF/TAB, STX/ETX/EOT, NULs, a BOM and an AIM symbology identifier (`]Q1`), then trims. */
export function normaliseScan(text: string): string {
  let s = text.slice(0, MAX_SCAN_CHARS * 2);
  s = s.replace(/^\uFEFF/, '');
  // Control characters (scanner framing) removed by code point: a regex over them trips no-control-regex.
  s = [...s].filter((ch) => { const c = ch.charCodeAt(0); return c === 9 || c === 10 || c === 13 || (c >= 0x20 && c !== 0x7f); }).join('');
  s = s.trim();
  s = s.replace(/^\][A-Za-z][0-9A-Za-z]/, '');
  return s.trim();
}

export function detectFormat(normalised: string): ScanFormat {
  const s = normalised;
  if (/^[0-9]{12}$/.test(s)) return 'aadhaar-number';
  if (/^[0-9]+$/.test(s)) return 'secure-qr';
  // A long, mostly numeric scan with a few stray characters is a damaged Secure QR (E_QR_DIGITS: rescan).
  if (/^[0-9]/.test(s) && s.length >= 100 && s.replace(/[^0-9]/g, '').length >= s.length * 0.9) return 'secure-qr';
  if (/^<\/?\?xml/i.test(s) || /^<PrintLetterBarcodeData[\s/>]/.test(s)) {
    return /<PrintLetterBarcodeData[\s/>]/.test(s) ? 'legacy-xml' : /<Q(P)?D[AB][\s/>]/.test(s) ? 'signed-xml-qr' : 'unknown';
  }
  if (/^<Q(P)?D[AB][\s/>]/.test(s)) return 'signed-xml-qr';
  return 'unknown';
}

/** A description of unrecognised input that is safe to log: its length and character classes. */
export function describeForLog(text: string): { length: number; classes: string } {
  const classes = [
    /[0-9]/.test(text) ? 'digits' : '',
    /[A-Za-z]/.test(text) ? 'letters' : '',
    /[<>]/.test(text) ? 'angle' : '',
    /[^\x20-\x7E]/.test(text) ? 'non-ascii' : '',
  ].filter(Boolean).join('+');
  return { length: text.length, classes: classes || 'none' };
}
