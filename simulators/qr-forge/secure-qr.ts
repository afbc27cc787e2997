/**
 * Secure QR test vectors in UIDAI's byte layout (reference aadhaar-qr.md 2.3-2.9):
 * 0xFF-separated Latin-1 fields, the JPEG 2000 photo, contact hashes (no-version
 * layout only), then an RSA-2048 PKCS#1 v1.5 SHA-256 signature over every byte
 * before it; gzip; the big-endian bytes as one decimal integer.
 */
import { sign } from 'node:crypto';
import { gzipSync, deflateSync } from 'node:zlib';
import { iteratedSha256Hex, normaliseMobile } from '../../src/devices/qr/secure-qr/contact';
import { samplePhotoJ2k, testKeyPem, wrongKeyPem } from './keys';

export type ForgeLayout = 'no-version' | 'v2' | 'v4';
export type ForgeTamper = 'flip' | 'truncate' | 'wrong-key' | 'oversize' | 'bomb';

export interface ForgePerson {
  name: string; dob: string; gender: string; careOf: string; district: string; landmark: string; house: string;
  location: string; pincode: string; postOffice: string; state: string; street: string; subDistrict: string; vtc: string;
}

export const DEMO_PERSON: ForgePerson = {
  name: 'Asha Devi Test', dob: '15-08-1990', gender: 'F', careOf: 'W/O Ravi Test', district: 'Bengaluru Urban',
  landmark: 'Near Test Park', house: '12A', location: 'Koramangala', pincode: '560034', postOffice: 'Koramangala',
  state: 'Karnataka', street: '1st Main Road', subDistrict: 'Bengaluru South', vtc: 'Bengaluru',
};

export interface ForgeOptions {
  layout?: ForgeLayout;
  person?: Partial<ForgePerson>;
  /** Last 4 digits of the (fictional) Aadhaar number; its last digit sets the hash rounds. */
  last4?: string;
  /** When the QR was made; the reference id timestamp is written in IST. */
  timestamp?: Date;
  mobile?: string;
  email?: string;
  photo?: Uint8Array;
  /** PEM private key; the forge's test key by default. */
  keyPem?: string;
  tamper?: ForgeTamper;
  compression?: 'gzip' | 'zlib';
}

const FF = 0xff;

function latin1Bytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

export function istTimestamp(date: Date): string {
  const t = new Date(date.getTime() + (5 * 60 + 30) * 60_000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${t.getUTCFullYear()}${p(t.getUTCMonth() + 1)}${p(t.getUTCDate())}${p(t.getUTCHours())}${p(t.getUTCMinutes())}${p(t.getUTCSeconds())}${p(t.getUTCMilliseconds(), 3)}`;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const bytesToDecimal = (bytes: Uint8Array): string => BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`).toString(10);

/** The signed payload plus signature, before compression. */
export function forgeDecompressed(options: ForgeOptions = {}): Uint8Array {
  const layout = options.layout ?? 'v2';
  const person = { ...DEMO_PERSON, ...options.person };
  const last4 = options.last4 ?? '4321';
  const lastDigit = Number(last4[3]);
  const mobile = options.mobile ? normaliseMobile(options.mobile) : undefined;
  const indicator = (options.email ? 1 : 0) + (mobile ? 2 : 0);
  const reference = `${last4}${istTimestamp(options.timestamp ?? new Date())}`;
  const text = [
    ...(layout === 'no-version' ? [] : [layout === 'v2' ? 'V2' : 'V4']),
    String(indicator), reference, person.name, person.dob, person.gender, person.careOf, person.district, person.landmark,
    person.house, person.location, person.pincode, person.postOffice, person.state, person.street, person.subDistrict, person.vtc,
    ...(layout === 'no-version' ? [] : [mobile ? mobile.slice(-4) : '']),
  ];
  const parts: Uint8Array[] = [];
  for (const field of text) parts.push(latin1Bytes(field), Uint8Array.of(FF));
  parts.push(options.photo ?? samplePhotoJ2k());
  if (layout === 'no-version') {
    if (options.email) parts.push(Buffer.from(iteratedSha256Hex(options.email, lastDigit), 'hex'));
    if (mobile) parts.push(Buffer.from(iteratedSha256Hex(mobile, lastDigit), 'hex'));
  }
  const signed = concat(parts);
  const keyPem = options.tamper === 'wrong-key' ? wrongKeyPem() : options.keyPem ?? testKeyPem();
  const signature = sign('sha256', signed, keyPem);
  if (options.tamper === 'flip') {
    // Altered after signing: the first byte of the name field changes.
    let nameAt = 0;
    for (let i = 0; i < (layout === 'no-version' ? 2 : 3); i++) nameAt = signed.indexOf(FF, nameAt) + 1;
    signed[nameAt] = signed[nameAt]! ^ 0x01;
  }
  return concat([signed, signature]);
}

/** The decimal string a scanner would read from the printed QR. */
export function forgeSecureQr(options: ForgeOptions = {}): string {
  let payload = forgeDecompressed(options);
  if (options.tamper === 'bomb') payload = concat([payload, new Uint8Array(1024 * 1024)]);
  const compressed = options.compression === 'zlib' ? deflateSync(payload, { level: 9 }) : gzipSync(payload, { level: 9 });
  let digits = bytesToDecimal(compressed);
  if (options.tamper === 'truncate') digits = digits.slice(0, digits.length - 40);
  if (options.tamper === 'oversize') digits = digits + '7'.repeat(Math.max(1, 7100 - digits.length));
  return digits;
}
