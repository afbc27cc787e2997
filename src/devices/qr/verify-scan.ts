/**
 * One scanned text to what the review screen shows: format detection, then the
 * Secure QR path (verified or E_QR_SIGNATURE; photo decoded only after the
 * signature verified) or the legacy XML path (masked, unsigned-not-verifiable).
 */
import { KioskError } from '../../shared/errors';
import type { QrVerification, ScanSource, SecureQrView } from '../../shared/ipc/qr';
import { describeForLog, detectFormat, normaliseScan } from './detect';
import { QrErrorCode } from './errors';
import { decodeLegacyXml } from './legacy-xml';
import { decodeJpeg2000, photoToPngDataUrl } from './photo/jpeg2000';
import { decodeSecureQrWithBytes, requireVerified } from './secure-qr/decode';
import type { TrustStore } from './trust-store';

export interface VerifyScanOptions {
  trust: TrustStore;
  source?: ScanSource | null;
  mobile?: string;
  email?: string;
}

export async function verifyScan(text: string, options: VerifyScanOptions): Promise<QrVerification> {
  const scanned = normaliseScan(text);
  const format = detectFormat(scanned);
  const source = options.source ?? null;
  if (format === 'secure-qr') {
    const { result, photoBytes } = decodeSecureQrWithBytes(scanned, options);
    const verified = requireVerified(result);
    const warnings = [...verified.warnings];
    let photo: SecureQrView['photo'] = null;
    try {
      const decoded = await decodeJpeg2000(photoBytes);
      photo = { width: decoded.width, height: decoded.height, dataUrl: photoToPngDataUrl(decoded) };
    } catch (e) {
      warnings.push(`photo could not be decoded (${e instanceof KioskError ? e.code : 'error'})`);
    }
    return {
      format: 'secure-qr', source, layout: verified.layout, version: verified.version, compression: verified.compression, verified: true,
      signer: verified.signer!, reference: verified.reference, indicator: verified.indicator, fields: verified.fields,
      contact: verified.contact, photo, warnings,
    };
  }
  if (format === 'legacy-xml' || format === 'signed-xml-qr') return { ...decodeLegacyXml(scanned), source };
  if (format === 'aadhaar-number') {
    throw new KioskError(QrErrorCode.FORMAT, 'This QR holds only an Aadhaar number, with no details or signature. Ask for the Secure QR on the Aadhaar letter, card or app.');
  }
  throw new KioskError(QrErrorCode.FORMAT, 'This is not an Aadhaar QR code. Please scan the QR on the Aadhaar letter, card or app.', describeForLog(scanned));
}
