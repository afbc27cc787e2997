/**
 * The decompressed Secure QR layout: 0xFF-separated Latin-1 text fields, then
 * the JPEG 2000 photo, then (no-version layout only) the contact hashes, then a
 * 256-byte signature. Delimiters are counted only up to the field count: the
 * photo itself contains 0xFF bytes. Hostile-input parsing even after a good
 * signature: lengths, counts and digit checks are enforced.
 */
import { KioskError } from '../../../shared/errors';
import { QrErrorCode } from '../errors';

export const SIGNATURE_BYTES = 256;
const HASH_BYTES = 32;
const MAX_FIELD_BYTES = 256;
const MAX_TEXT_BYTES = 2048;

/** The fields of the layout without a version tag (2018/2019 onwards), in order. */
const NO_VERSION_FIELDS = [
  'emailMobileIndicator', 'referenceId', 'name', 'dob', 'gender', 'careOf', 'district', 'landmark',
  'house', 'location', 'pincode', 'postOffice', 'state', 'street', 'subDistrict', 'vtc',
] as const;

/** V2 onwards: a `Vn` tag first and the mobile's last 4 digits after VTC; no contact hashes. */
const V2_FIELDS = ['version', ...NO_VERSION_FIELDS, 'mobileLast4'] as const;

/**
 * Field map per version tag. UIDAI has published no V2+ specification; all code we
 * know reads V3..V5 like V2. A higher unknown tag stays on the V2 map with a warning.
 */
export const FIELD_MAPS: Record<number, readonly string[]> = { 2: V2_FIELDS, 3: V2_FIELDS, 4: V2_FIELDS, 5: V2_FIELDS };

export type FieldName = (typeof V2_FIELDS)[number];

export interface EmailMobileIndicator {
  value: 0 | 1 | 2 | 3;
  email: boolean;
  mobile: boolean;
}

export interface SecureQrLayout {
  layout: 'no-version' | 'versioned';
  /** null for the layout without a version field. */
  version: number | null;
  fields: Record<FieldName, string>;
  indicator: EmailMobileIndicator;
  reference: { last4: string; lastDigit: number; timestamp: Date; raw: string };
  photo: { start: number; end: number };
  emailHash: Uint8Array | null;
  mobileHash: Uint8Array | null;
  signedLength: number;
  warnings: string[];
}

const layoutError = (detail: string, extra: Record<string, unknown> = {}) =>
  new KioskError(QrErrorCode.LAYOUT, 'The QR code decompressed but its contents are not an Aadhaar Secure QR layout.', { detail, ...extra });

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

/** Section 3.1 of UIDAI's manual: 1 = email only, 2 = mobile only, 3 = both. One table, used everywhere. */
export function indicatorFrom(value: string): EmailMobileIndicator {
  if (!/^[0-3]$/.test(value)) throw layoutError('email/mobile indicator is not 0-3');
  const v = Number(value) as 0 | 1 | 2 | 3;
  return { value: v, email: v === 1 || v === 3, mobile: v === 2 || v === 3 };
}

/** Reference id: last 4 digits of the Aadhaar number, then YYYYMMDDHHMMSSsss in IST (UTC+05:30). */
export function parseReferenceId(raw: string): SecureQrLayout['reference'] {
  const m = /^(\d{4})(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{3})$/.exec(raw);
  if (!m) throw layoutError('reference id is not 4 digits + a 17-digit timestamp');
  const [, last4, y, mo, d, h, mi, s, ms] = m as unknown as [string, string, string, string, string, string, string, string, string];
  const utcMs = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, +ms) - (5 * 60 + 30) * 60_000;
  const timestamp = new Date(utcMs);
  const check = new Date(utcMs + (5 * 60 + 30) * 60_000);
  if (check.getUTCMonth() !== +mo - 1 || check.getUTCDate() !== +d || +h > 23 || +mi > 59 || +s > 59) {
    throw layoutError('reference id timestamp is not a real date');
  }
  return { last4, lastDigit: Number(last4[3]), timestamp, raw };
}

/** Splits and checks the decompressed bytes. `data` includes the trailing signature. */
export function parseLayout(data: Uint8Array): SecureQrLayout {
  const signedLength = data.length - SIGNATURE_BYTES;
  if (signedLength < 64) throw layoutError('too short for fields and a signature', { bytes: data.length });

  const firstFf = data.indexOf(0xff);
  if (firstFf < 0 || firstFf >= signedLength) throw layoutError('no field delimiter');
  const first = latin1(data.subarray(0, firstFf));
  const warnings: string[] = [];
  let names: readonly string[];
  let version: number | null = null;
  const tag = /^V([0-9]{1,2})$/.exec(first);
  if (tag) {
    version = Number(tag[1]);
    if (version < 2) throw layoutError('version tag below V2');
    names = FIELD_MAPS[version] ?? V2_FIELDS;
    if (!FIELD_MAPS[version]) warnings.push(`unknown version V${version}: read with the V2 field map`);
  } else if (/^[0-3]$/.test(first)) {
    names = NO_VERSION_FIELDS;
  } else {
    throw layoutError('first field is neither a version tag nor an indicator');
  }

  // Find exactly names.length delimiters, no further: what follows is binary.
  const values: string[] = [];
  let at = 0;
  for (let i = 0; i < names.length; i++) {
    const ff = data.indexOf(0xff, at);
    if (ff < 0 || ff >= signedLength) throw layoutError('fewer text fields than the layout needs', { found: i, needed: names.length });
    if (ff - at > MAX_FIELD_BYTES) throw layoutError('a text field is implausibly long');
    values.push(latin1(data.subarray(at, ff)));
    at = ff + 1;
  }
  if (at > MAX_TEXT_BYTES) throw layoutError('the text part is implausibly long');
  const fields = Object.fromEntries(names.map((n, i) => [n, values[i] ?? ''])) as Record<FieldName, string>;
  if (version === null) fields.version = '';
  if (fields.mobileLast4 === undefined) fields.mobileLast4 = '';

  const indicator = indicatorFrom(fields.emailMobileIndicator);
  const reference = parseReferenceId(fields.referenceId);
  if (!/^\d{0,6}$/.test(fields.pincode)) throw layoutError('pin code is not digits');
  if (fields.mobileLast4 && !/^\d{4}$/.test(fields.mobileLast4)) throw layoutError('mobile last 4 is not 4 digits');

  // The photo runs to the signature; in the no-version layout the contact hashes sit before it.
  const hashCount = version === null ? Number(indicator.email) + Number(indicator.mobile) : 0;
  const photoEnd = signedLength - HASH_BYTES * hashCount;
  if (photoEnd - at < 16) throw layoutError('no room for a photo');
  let emailHash: Uint8Array | null = null;
  let mobileHash: Uint8Array | null = null;
  let cursor = photoEnd;
  if (version === null && indicator.email) {
    emailHash = data.slice(cursor, cursor + HASH_BYTES);
    cursor += HASH_BYTES;
  }
  if (version === null && indicator.mobile) mobileHash = data.slice(cursor, cursor + HASH_BYTES);
  if (!(data[at] === 0xff && data[at + 1] === 0x4f)) warnings.push('photo does not start with a JPEG 2000 SOC marker');

  return { layout: version === null ? 'no-version' : 'versioned', version, fields, indicator, reference, photo: { start: at, end: photoEnd }, emailHash, mobileHash, signedLength, warnings };
}
