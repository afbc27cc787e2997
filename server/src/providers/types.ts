/**
 * Provider-neutral ports of online verification. The central API's routes talk
 * only to these; adapters (IDfy, Cashfree, uidai-sandbox) implement them.
 * Provider keys live only on the server, never on a kiosk.
 */
import type {
  AadhaarEkyc, BioAuthResult, OtpInitiateResult, OtpVerifyResult, PanResult, PassportResult,
} from '../../../src/shared/kyc/verification';

export type { AadhaarEkyc, BioAuthResult, OtpInitiateResult, OtpVerifyResult, PanResult, PassportResult };

/** What every adapter call gets: the consent it runs under and the journey it belongs to. */
export interface CallMeta {
  /** Our consent record's id; adapters forward it where the provider takes one. */
  consentRef: string;
  /** Groups the provider calls of one customer journey (IDfy group_id). */
  journeyId: string;
  /** The enrolled kiosk that asked (recorded with every provider request). */
  deviceId: string;
}

export interface AadhaarOtpProvider {
  readonly name: string;
  /** Whether the provider accepts a 16-digit VID in place of the Aadhaar number. */
  readonly acceptsVid: boolean;
  /** Sends the OTP to the resident's registered mobile. Not retried on timeout: a second send invalidates the first. */
  initiate(req: { idNumber: string; idKind: 'aadhaar' | 'vid' }, meta: CallMeta): Promise<OtpInitiateResult>;
  /** Never retried: the provider may have consumed the OTP. */
  verify(req: { txnId: string; otp: string; maskedId: string }, meta: CallMeta): Promise<OtpVerifyResult>;
}

export interface PidSubmission {
  idNumber: string;
  idKind: 'aadhaar' | 'vid';
  /** The PidData XML exactly as the RD service returned it. */
  pidDataXml: string;
  /** The wadh the kiosk put in PidOptions (the server computed it for this transaction). */
  wadh: string;
}

export interface BiometricAuthProvider {
  readonly name: string;
  /** The wadh to put in PidOptions for an eKYC with this modality. */
  wadhFor(modality: 'finger' | 'iris'): string;
  /** Never retried: UIDAI refuses a replayed PID (563). */
  authenticate(req: PidSubmission, meta: CallMeta): Promise<BioAuthResult>;
}

export interface PanProvider {
  readonly name: string;
  verifyPan(req: { pan: string; name: string; dob: string }, meta: CallMeta): Promise<PanResult>;
}

export interface PassportProvider {
  readonly name: string;
  verifyPassport(req: { fileNumber: string; dob: string; name?: string }, meta: CallMeta): Promise<PassportResult>;
}

export interface VerificationProviders {
  aadhaarOtp: AadhaarOtpProvider;
  biometric: BiometricAuthProvider;
  pan: PanProvider;
  passport: PassportProvider;
}
