/**
 * Secure QR transport: the scanned decimal string to bytes, and the bytes
 * inflated under a hard size cap. The digit guard runs before any BigInt work:
 * `BigInt('')` is 0n and BigInt also accepts "0x..", "-1" and whitespace.
 */
import { Gunzip, Unzlib } from 'fflate';
import { crc32 } from 'node:zlib';
import { KioskError } from '../../../shared/errors';
import { MAX_QR_DIGITS } from '../detect';
import { QrErrorCode } from '../errors';

/** Real payloads inflate to about 1.4 KB; 64 KiB is generous and stops a bomb early. */
export const MAX_INFLATED_BYTES = 64 * 1024;
/** Input is fed to the inflater in slices this big, so one slice can never expand far past the cap. */
const SLICE = 256;

export type Compression = 'gzip' | 'zlib';

export function digitsToBytes(digits: string): Uint8Array {
  if (digits.length === 0 || digits.length > MAX_QR_DIGITS || !/^[0-9]+$/.test(digits)) {
    throw new KioskError(
      QrErrorCode.DIGITS,
      digits.length > MAX_QR_DIGITS
        ? `This is ${digits.length} digits, more than one QR code can hold (${MAX_QR_DIGITS}). Please scan again.`
        : 'The scan is not a Secure QR number (digits only). Please scan again.',
      { length: digits.length },
    );
  }
  let hex = BigInt(digits).toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

export function detectCompression(bytes: Uint8Array): Compression | null {
  if (bytes.length >= 18 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08) return 'gzip';
  const cmf = bytes[0] ?? 0;
  const flg = bytes[1] ?? 0;
  if (bytes.length >= 6 && (cmf & 0x0f) === 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 === 0 && !(flg & 0x20)) return 'zlib';
  return null;
}

function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < data.length; i++) {
    a = (a + data[i]!) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

const incomplete = (detail: string) =>
  new KioskError(QrErrorCode.INFLATE, 'The QR code was read incompletely (its data does not decompress). Please scan again.', { detail });

/**
 * Inflates gzip (UIDAI's wrapper) or zlib (seen in public test vectors), checking
 * the trailer (CRC-32 or Adler-32 and length) that fflate itself does not check, so
 * a damaged scan reads "please scan again" rather than "tampered".
 */
export function inflateCapped(bytes: Uint8Array, cap = MAX_INFLATED_BYTES): { data: Uint8Array; compression: Compression } {
  const compression = detectCompression(bytes);
  if (!compression) throw incomplete('no gzip or zlib header');
  const parts: Uint8Array[] = [];
  let total = 0;
  const onData = (chunk: Uint8Array) => {
    total += chunk.length;
    if (total > cap) {
      throw new KioskError(QrErrorCode.INFLATE_LIMIT, 'The QR code expands to far more data than any Aadhaar QR holds; it was refused.', { capBytes: cap });
    }
    parts.push(chunk);
  };
  const stream = compression === 'gzip' ? new Gunzip(onData) : new Unzlib(onData);
  try {
    for (let i = 0; i < bytes.length; i += SLICE) {
      stream.push(bytes.subarray(i, i + SLICE), i + SLICE >= bytes.length);
    }
  } catch (e) {
    if (e instanceof KioskError) throw e;
    throw incomplete('deflate stream invalid or cut short');
  }
  const data = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    data.set(p, at);
    at += p.length;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (compression === 'gzip') {
    const crc = view.getUint32(bytes.length - 8, true);
    const size = view.getUint32(bytes.length - 4, true);
    if (crc !== crc32(data) || size !== (total >>> 0)) throw incomplete('gzip checksum mismatch');
  } else if (view.getUint32(bytes.length - 4, false) !== adler32(data)) {
    throw incomplete('zlib checksum mismatch');
  }
  return { data, compression };
}
