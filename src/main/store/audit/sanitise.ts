/**
 * Audit details carry reference keys, never identity data. The sanitiser drops
 * identity fields wherever they sit (Aadhaar, VID, OTP, biometrics, PID, share
 * code, ...) and scrubs Verhoeff-valid 12- and 16-digit numbers from text,
 * however they are spaced. It runs on every append, so a careless caller
 * cannot leak an Aadhaar number into the chain the server keeps for years.
 */
import { IDENTITY_FIELDS } from '../../../shared/log';
import { scrubAadhaarNumbers } from '../../../shared/validators/aadhaar';

const norm = (k: string): string => k.toLowerCase().replace(/[^a-z0-9]/g, '');

const DROPPED = new Set([
  ...IDENTITY_FIELDS.map(norm),
  'aadhaar', 'aadhaarno', 'aadhaarnumber', 'aadhaarid', 'uid', 'uidnumber', 'vid', 'virtualid', 'otp', 'otpvalue', 'otpcode',
  'pid', 'piddata', 'pidblock', 'pidxml', 'sharecode', 'passcode', 'biometric', 'biometrics', 'fingerprint', 'fingerprints',
  'iris', 'fmr', 'fir', 'iir', 'face', 'skey', 'photo', 'ekycxml', 'ekycpayload', 'zip',
].map(norm));

const MAX_DEPTH = 8;

export function isIdentityField(key: string): boolean {
  return DROPPED.has(norm(key));
}

export function sanitiseValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubAadhaarNumbers(value);
  if (typeof value === 'number' || typeof value === 'bigint') {
    const text = String(value);
    const scrubbed = scrubAadhaarNumbers(text);
    return scrubbed === text ? (typeof value === 'bigint' ? text : value) : scrubbed;
  }
  if (value === null || typeof value === 'boolean') return value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (Array.isArray(value)) return value.map((v) => sanitiseValue(v, depth + 1));
  if (typeof value === 'object' && !Buffer.isBuffer(value) && !(value instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      if (isIdentityField(key)) continue;
      const v = (value as Record<string, unknown>)[key];
      if (v === undefined) continue;
      out[scrubAadhaarNumbers(key)] = sanitiseValue(v, depth + 1);
    }
    return out;
  }
  // Functions, symbols, buffers: nothing an audit entry should hold.
  return undefined;
}

/** Sanitised details as canonical JSON (sorted keys), the exact text the hash covers. */
export function sanitiseDetails(details: Record<string, unknown> | undefined): string {
  return JSON.stringify(sanitiseValue(details ?? {}) ?? {});
}
