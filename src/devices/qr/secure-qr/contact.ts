/**
 * Contact checks. No-version layout: SHA-256 applied N times (N = last digit of
 * the Aadhaar number; 0 or 1 means once) to the bare mobile or email, compared
 * with the stored hash. Whether rounds 2..N hash the hex text or the raw bytes is
 * unconfirmed (reference 2.8): we chain the hex text, so a mismatch reads
 * "not confirmed", never "tampered". V2+ carries only the mobile's last 4 digits.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export type ContactStatus = 'confirmed' | 'not-confirmed' | 'not-registered' | 'not-checked';

export interface ContactCheck {
  status: ContactStatus;
  /** How it was checked: the iterated hash, or (V2+) the last 4 digits only, a weak consistency check. */
  method: 'hash' | 'last4' | null;
}

export function iteratedSha256Hex(value: string, lastDigit: number): string {
  const rounds = Math.max(1, lastDigit);
  let h = createHash('sha256').update(value, 'utf8').digest('hex');
  for (let i = 1; i < rounds; i++) h = createHash('sha256').update(h, 'utf8').digest('hex');
  return h;
}

/** Digits only; a leading +91 / 91 / 0 on an Indian mobile number is dropped. */
export function normaliseMobile(input: string): string {
  const d = input.replace(/\D/g, '');
  if (d.length === 12 && d.startsWith('91')) return d.slice(2);
  if (d.length === 11 && d.startsWith('0')) return d.slice(1);
  return d;
}

function sameHash(a: string, stored: Uint8Array): boolean {
  const b = Buffer.from(a, 'hex');
  return b.length === stored.length && timingSafeEqual(b, stored);
}

export function checkMobile(entered: string | undefined, stored: Uint8Array | null, registered: boolean, lastDigit: number, mobileLast4: string): ContactCheck {
  if (entered === undefined || entered.trim() === '') return { status: 'not-checked', method: null };
  const mobile = normaliseMobile(entered);
  if (stored) return { status: sameHash(iteratedSha256Hex(mobile, lastDigit), stored) ? 'confirmed' : 'not-confirmed', method: 'hash' };
  if (mobileLast4) return { status: mobile.slice(-4) === mobileLast4 ? 'confirmed' : 'not-confirmed', method: 'last4' };
  return { status: registered ? 'not-checked' : 'not-registered', method: null };
}

export function checkEmail(entered: string | undefined, stored: Uint8Array | null, registered: boolean, lastDigit: number): ContactCheck {
  if (entered === undefined || entered.trim() === '') return { status: 'not-checked', method: null };
  if (!stored) return { status: registered ? 'not-checked' : 'not-registered', method: null };
  const email = entered.trim();
  const candidates = [...new Set([email, email.toLowerCase()])];
  return { status: candidates.some((e) => sameHash(iteratedSha256Hex(e, lastDigit), stored)) ? 'confirmed' : 'not-confirmed', method: 'hash' };
}
