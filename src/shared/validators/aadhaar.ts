/**
 * Aadhaar number and VID: validation and masking. Aadhaar: 12 digits, first
 * not 0 or 1, Verhoeff-valid. VID: 16 digits, Verhoeff-valid. Only the last 4
 * digits are ever shown, logged or stored outside the vault.
 */
import { verhoeffValid } from './verhoeff';

export type AadhaarIdKind = 'aadhaar' | 'vid';

export type AadhaarIdCheck =
  | { ok: true; kind: AadhaarIdKind; digits: string; last4: string; masked: string }
  | { ok: false; reason: 'format' | 'checksum' };

/** Strips the spaces and hyphens people type or print between digit groups. */
export function normaliseIdDigits(input: string): string {
  return input.replace(/[\s-]/g, '');
}

export function checkAadhaarOrVid(input: string): AadhaarIdCheck {
  const digits = normaliseIdDigits(input);
  const kind: AadhaarIdKind | null = /^[2-9]\d{11}$/.test(digits) ? 'aadhaar' : /^\d{16}$/.test(digits) ? 'vid' : null;
  if (!kind) return { ok: false, reason: 'format' };
  if (!verhoeffValid(digits)) return { ok: false, reason: 'checksum' };
  return { ok: true, kind, digits, last4: digits.slice(-4), masked: maskId(digits) };
}

export const isValidAadhaar = (input: string): boolean => checkAadhaarOrVid(input).ok && normaliseIdDigits(input).length === 12;
export const isValidVid = (input: string): boolean => checkAadhaarOrVid(input).ok && normaliseIdDigits(input).length === 16;

/** "XXXX XXXX 1234" for an Aadhaar number, "XXXX XXXX XXXX 1234" for a VID; any other length keeps only its last 4. */
export function maskId(input: string): string {
  const digits = normaliseIdDigits(input);
  const last4 = digits.slice(-4);
  const groups = Math.max(0, Math.ceil(digits.length / 4) - 1);
  return [...Array<string>(groups).fill('XXXX'), last4].join(' ');
}

/**
 * Replaces every 12- or 16-digit run (spaces or hyphens allowed between groups of 4)
 * that is Verhoeff-valid with its masked form. For free text bound for logs or audit.
 */
export function scrubAadhaarNumbers(text: string): string {
  // Bounded by digits only, on purpose: "uid999941057058" in a log line must be caught too. The price is
  // that a Verhoeff-valid 12/16-digit run inside a hex digest or UUID is masked as well, so never run
  // this over values that must stay byte-exact (hashes, ids); sanitise free text only.
  return text.replace(/(?<!\d)\d{4}[ -]?\d{4}[ -]?\d{4}(?:[ -]?\d{4})?(?!\d)/g, (match) => {
    const digits = normaliseIdDigits(match);
    return verhoeffValid(digits) ? maskId(digits) : match;
  });
}
