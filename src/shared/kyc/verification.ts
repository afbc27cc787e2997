/**
 * Provider-neutral shapes of online verification results: what the central API
 * answers and what the kiosk receives over IPC. Identity data rules: the full
 * Aadhaar number, VID, OTP and PID never appear here; the Aadhaar eKYC carries
 * the masked number only, and the photo only as the eKYC returned it.
 */
import { z } from 'zod';

export const EkycAddressSchema = z.object({
  careOf: z.string().optional(),
  house: z.string().optional(),
  street: z.string().optional(),
  landmark: z.string().optional(),
  locality: z.string().optional(),
  vtc: z.string().optional(),
  subDistrict: z.string().optional(),
  district: z.string().optional(),
  state: z.string().optional(),
  country: z.string().optional(),
  pincode: z.string().optional(),
  postOffice: z.string().optional(),
});
export type EkycAddress = z.infer<typeof EkycAddressSchema>;

/** Aadhaar eKYC data as UIDAI's KycRes/UidData carries it (Poi, Poa, Pht), normalised. */
export const AadhaarEkycSchema = z.object({
  /** "XXXX XXXX 1234". */
  maskedAadhaar: z.string().regex(/^(XXXX )+\d{4}$/),
  name: z.string().min(1),
  /** YYYY-MM-DD, or YYYY when UIDAI holds only the year of birth. */
  dob: z.string().regex(/^\d{4}(-\d{2}-\d{2})?$/),
  gender: z.enum(['M', 'F', 'T']),
  address: EkycAddressSchema,
  /** JPEG as base64, as the eKYC answered it; shown to the agent, never logged. */
  photo: z.object({ mime: z.literal('image/jpeg'), base64: z.string().min(1) }).optional(),
  mobileHash: z.string().optional(),
  emailHash: z.string().optional(),
  /** The provider's transaction reference, for the audit trail. */
  providerTxn: z.string(),
  provider: z.string(),
});
export type AadhaarEkyc = z.infer<typeof AadhaarEkycSchema>;

export const OtpInitiateResultSchema = z.object({
  txnId: z.string().min(1),
  provider: z.string(),
  expiresAt: z.string(),
  /** Seconds before a new OTP may be requested for the same number. */
  resendAfterSec: z.number().int().nonnegative(),
  maskedMobile: z.string().optional(),
});
export type OtpInitiateResult = z.infer<typeof OtpInitiateResultSchema>;

export const OtpVerifyResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('verified'), ekyc: AadhaarEkycSchema }),
  z.object({ status: z.literal('otp_invalid'), attemptsLeft: z.number().int().nonnegative() }),
  z.object({ status: z.literal('otp_expired') }),
  z.object({ status: z.literal('locked'), reason: z.string() }),
]);
export type OtpVerifyResult = z.infer<typeof OtpVerifyResultSchema>;

export const BioAuthResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('verified'), ekyc: AadhaarEkycSchema }),
  z.object({ status: z.literal('no_match'), code: z.string(), reason: z.string() }),
  /** The PID itself was refused (HMAC, stale ts, wrong wadh...): UIDAI-style code plus a reason. */
  z.object({ status: z.literal('rejected'), code: z.string(), reason: z.string() }),
]);
export type BioAuthResult = z.infer<typeof BioAuthResultSchema>;

export const DocCheckStatusSchema = z.enum(['verified', 'mismatch', 'inoperative', 'not_found', 'source_unavailable']);
export type DocCheckStatus = z.infer<typeof DocCheckStatusSchema>;

export const PanResultSchema = z.object({
  status: DocCheckStatusSchema,
  /** "XXXXX1234X". */
  maskedPan: z.string(),
  panStatus: z.string().optional(),
  nameMatch: z.boolean().optional(),
  dobMatch: z.boolean().optional(),
  aadhaarSeeded: z.boolean().optional(),
  nameOnPan: z.string().optional(),
  provider: z.string(),
  providerRequestId: z.string().optional(),
});
export type PanResult = z.infer<typeof PanResultSchema>;

export const PassportResultSchema = z.object({
  status: DocCheckStatusSchema,
  /** File number with all but the last 4 characters masked. */
  maskedFileNumber: z.string(),
  givenName: z.string().optional(),
  surname: z.string().optional(),
  dob: z.string().optional(),
  applicationDate: z.string().optional(),
  provider: z.string(),
  providerRequestId: z.string().optional(),
});
export type PassportResult = z.infer<typeof PassportResultSchema>;

/** Passport file number: 2-letter office code + 10-13 characters (kyc-domain.md section 3). */
export const PASSPORT_FILE_NUMBER = /^[A-Z]{2}[0-9A-Z]{10,13}$/;

export function maskFileNumber(fileNumber: string): string {
  const s = fileNumber.toUpperCase();
  return 'X'.repeat(Math.max(0, s.length - 4)) + s.slice(-4);
}
