/**
 * What the logs never hold. Keys are matched case- and punctuation-insensitively at any depth;
 * free text is scrubbed of Verhoeff-valid Aadhaar/VID numbers. Names, dates of birth and contact
 * details are personal data too: redacted at every level, debug included.
 */
import { IDENTITY_FIELDS } from '../../shared/log';
import { scrubAadhaarNumbers } from '../../shared/validators/aadhaar';

export const CENSOR = '[redacted]';

const norm = (k: string): string => k.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Aadhaar, VID, OTP, PID, share code, biometrics and their spellings. */
const IDENTITY_KEYS = [
  ...IDENTITY_FIELDS,
  'aadhaarNo', 'aadhaarId', 'uidNumber', 'virtualId', 'otpValue', 'otpCode', 'pidXml', 'passcode', 'zipPassword',
  'fingerprint', 'fingerprints', 'iris', 'face', 'fmr', 'fir', 'iir', 'ekycXml', 'ekycPayload',
];
/** Names and other personal details. */
const PERSONAL_KEYS = [
  'name', 'fullName', 'firstName', 'middleName', 'lastName', 'customerName', 'residentName', 'holderName', 'nameOnCard',
  'careOf', 'fatherName', 'motherName', 'spouseName', 'guardianName', 'dob', 'dateOfBirth', 'yob', 'gender',
  'address', 'house', 'street', 'landmark', 'locality', 'mobile', 'mobileNumber', 'phone', 'email',
  'pan', 'panNumber', 'passportNumber',
];

export const REDACTED_KEYS: ReadonlySet<string> = new Set([...IDENTITY_KEYS, ...PERSONAL_KEYS].map(norm));

export function isRedactedKey(key: string): boolean {
  return REDACTED_KEYS.has(norm(key));
}

const MAX_DEPTH = 10;

/** A copy of a log record with redacted keys censored and Aadhaar-like numbers masked, at any depth. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubAadhaarNumbers(value);
  if (typeof value === 'number') {
    const text = String(value);
    return scrubAadhaarNumbers(text) === text ? value : scrubAadhaarNumbers(text);
  }
  if (typeof value === 'bigint') return scrubAadhaarNumbers(String(value));
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  if (value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
  if (value instanceof Error) return redactValue({ type: value.name, message: value.message, stack: value.stack }, depth);
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = isRedactedKey(key) ? CENSOR : redactValue(v, depth + 1);
  }
  return out;
}

/** One log file line: JSON records are redacted field by field, anything else as text. */
export function redactLine(line: string): string {
  if (line.trim() === '') return line;
  try {
    const record = JSON.parse(line) as unknown;
    if (record && typeof record === 'object') {
      // `name` at the top of a pino record is the logger's own name, not a person's.
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(record)) {
        out[key] = key === 'name' && typeof v === 'string' ? scrubAadhaarNumbers(v) : isRedactedKey(key) ? CENSOR : redactValue(v, 1);
      }
      return JSON.stringify(out);
    }
  } catch {
    // not JSON: fall through to text scrubbing
  }
  return scrubAadhaarNumbers(line);
}
