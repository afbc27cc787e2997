/**
 * Secure QR, end to end: digits -> bytes -> capped inflate -> signature over every
 * byte before the last 256, checked against pinned certificates -> layout parsed
 * from the same bytes. The result says whether it verified; callers that need a
 * verified QR use `requireVerified`, which throws E_QR_SIGNATURE.
 */
import { KioskError } from '../../../shared/errors';
import { QrErrorCode } from '../errors';
import { signerInfo, type SignerInfo, type TrustStore } from '../trust-store';
import { digitsToBytes, inflateCapped, type Compression } from './bytes';
import { checkEmail, checkMobile, type ContactCheck } from './contact';
import { parseLayout, SIGNATURE_BYTES, type EmailMobileIndicator, type SecureQrLayout } from './layout';

/** A QR dated this long outside its signer's validity window is flagged for review. */
const VALIDITY_MARGIN_MS = 24 * 60 * 60 * 1000;

export interface SecureQrFields {
  name: string; dob: string; gender: string; careOf: string; district: string; landmark: string;
  house: string; location: string; pincode: string; postOffice: string; state: string; street: string;
  subDistrict: string; vtc: string;
  /** V2+ only; '' in the no-version layout. */
  mobileLast4: string;
}

export interface SecureQrDecode {
  format: 'secure-qr';
  layout: SecureQrLayout['layout'];
  version: number | null;
  compression: Compression;
  verified: boolean;
  /** The certificate that verified it, and whether the QR's timestamp falls in its validity window. */
  signer: (SignerInfo & { validAtTimestamp: boolean }) | null;
  /** Why it did not verify: a key this kiosk lacks (update needed), or no match (possibly altered). */
  unverifiedReason: 'signer-unknown-update-needed' | 'no-pinned-certificate-matches' | null;
  reference: { last4: string; timestamp: string; id: string };
  indicator: EmailMobileIndicator;
  fields: SecureQrFields;
  contact: { mobile: ContactCheck; email: ContactCheck };
  photo: { start: number; end: number; length: number };
  sizes: { digits: number; compressed: number; decompressed: number; signed: number };
  warnings: string[];
}

export interface SecureQrDecodeWithBytes {
  result: SecureQrDecode;
  /** The raw JPEG 2000 codestream: identity data, never logged or persisted. */
  photoBytes: Uint8Array;
  /** The stored contact hashes (no-version layout), for golden tests. */
  emailHash: Uint8Array | null;
  mobileHash: Uint8Array | null;
}

export interface DecodeOptions {
  trust: TrustStore;
  /** Entered by the agent to confirm against the stored hash or last 4 digits; never stored. */
  mobile?: string;
  email?: string;
}

export function decodeSecureQrWithBytes(digits: string, options: DecodeOptions): SecureQrDecodeWithBytes {
  const compressed = digitsToBytes(digits);
  const { data, compression } = inflateCapped(compressed);
  if (data.length <= SIGNATURE_BYTES) {
    throw new KioskError(QrErrorCode.LAYOUT, 'The QR code decompressed but is too short to hold a signature.', { bytes: data.length });
  }
  const signedLength = data.length - SIGNATURE_BYTES;
  // Verify first, over the decompressed bytes exactly as they are; then parse the same bytes.
  const cert = options.trust.verifyRsaSha256(data.subarray(0, signedLength), data.subarray(signedLength));
  const layout = parseLayout(data);
  const ts = layout.reference.timestamp.getTime();
  const f = layout.fields;
  const newest = options.trust.newestStart();
  const result: SecureQrDecode = {
    format: 'secure-qr',
    layout: layout.layout,
    version: layout.version,
    compression,
    verified: cert !== null,
    signer: cert
      ? { ...signerInfo(cert), validAtTimestamp: ts >= cert.validFrom.getTime() - VALIDITY_MARGIN_MS && ts <= cert.validTo.getTime() + VALIDITY_MARGIN_MS }
      : null,
    unverifiedReason: cert ? null : newest && ts > newest.getTime() ? 'signer-unknown-update-needed' : 'no-pinned-certificate-matches',
    reference: { last4: layout.reference.last4, timestamp: layout.reference.timestamp.toISOString(), id: layout.reference.raw },
    indicator: layout.indicator,
    fields: {
      name: f.name, dob: f.dob, gender: f.gender, careOf: f.careOf, district: f.district, landmark: f.landmark,
      house: f.house, location: f.location, pincode: f.pincode, postOffice: f.postOffice, state: f.state,
      street: f.street, subDistrict: f.subDistrict, vtc: f.vtc, mobileLast4: f.mobileLast4,
    },
    contact: {
      mobile: checkMobile(options.mobile, layout.mobileHash, layout.indicator.mobile, layout.reference.lastDigit, f.mobileLast4),
      email: checkEmail(options.email, layout.emailHash, layout.indicator.email, layout.reference.lastDigit),
    },
    photo: { start: layout.photo.start, end: layout.photo.end, length: layout.photo.end - layout.photo.start },
    sizes: { digits: digits.length, compressed: compressed.length, decompressed: data.length, signed: signedLength },
    warnings: layout.warnings,
  };
  if (cert && !result.signer!.validAtTimestamp) result.warnings.push('QR timestamp outside the signing certificate validity window: review');
  return { result, photoBytes: data.slice(layout.photo.start, layout.photo.end), emailHash: layout.emailHash, mobileHash: layout.mobileHash };
}

export function decodeSecureQr(digits: string, options: DecodeOptions): SecureQrDecode {
  return decodeSecureQrWithBytes(digits, options).result;
}

/** Throws E_QR_SIGNATURE unless a pinned certificate verified the QR. Details carry no identity data. */
export function requireVerified(result: SecureQrDecode): SecureQrDecode {
  if (result.verified) return result;
  const updateNeeded = result.unverifiedReason === 'signer-unknown-update-needed';
  throw new KioskError(
    QrErrorCode.SIGNATURE,
    updateNeeded
      ? 'This QR is newer than every UIDAI certificate this kiosk holds: it cannot be verified until the certificates are updated.'
      : 'This QR does not match any UIDAI certificate held by this kiosk: its data may have been altered. Do not accept it.',
    { reason: result.unverifiedReason, layout: result.layout, version: result.version, referenceLast4: result.reference.last4 },
  );
}
