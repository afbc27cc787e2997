/**
 * What the flow machine needs from the outside world, as plain async functions
 * (XState `fromPromise` actors). The renderer binds them to `window.kiosk`
 * channels (`services.ts`); tests bind them to fakes. An actor that fails
 * rejects with `FlowError` (the contract's error data).
 */
import type { ScanSource } from '../../shared/ipc/qr';
import type { AmlOutcome, CaseSummary, ConsentPurpose, ConsentText, Evidence, Identity, IdentityMethod, KycLanguage, PanOutcome, Receipt } from '../../shared/ipc/kyc';

export interface FlowError {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export type Modality = 'fingerprint' | 'iris';

export interface DeviceOption {
  id: string;
  label: string;
  modality: Modality;
  ready: boolean;
  detail?: string;
}

export interface IdentityResult {
  identity: Identity;
  evidence: Evidence;
}

export interface QrResult {
  /** The signature check in plain words is derived from this in the screen. */
  signature: 'valid' | 'invalid' | 'legacy-unsigned' | 'unreadable';
  result: IdentityResult | null;
}

/** Where a QR came from: a hardware scanner announced by `qr:scanned`, a keyboard-wedge burst, or the camera. */
export type QrSource = ScanSource;

/** The QR itself: text read in the renderer (wedge, camera), or a hardware scan the kiosk holds by id. */
export type QrScan = { text: string } | { scanId: string };

/** What the consent step returned: the reference the online verifications are made under. */
interface InCase {
  caseId: string;
  consentRef: string;
}

export interface FlowServices {
  startCase(input: { language: KycLanguage }): Promise<{ caseId: string; reference: string }>;
  loadConsent(input: { language: KycLanguage }): Promise<ConsentText>;
  recordConsent(input: { caseId: string; text: ConsentText; granted: Partial<Record<ConsentPurpose, boolean>>; channel: 'screen' | 'read-out' }): Promise<{ consentId: string }>;
  chooseMethod(input: { caseId: string; method: IdentityMethod }): Promise<void>;
  /** The Aadhaar number/VID goes straight to the OTP service; only the transaction id comes back. */
  requestOtp(input: InCase & { idDigits: string }): Promise<{ txnId: string; maskedMobile?: string | undefined }>;
  /** A new OTP for the same number (the services hold it only until the OTP step ends). */
  resendOtp(input: InCase & { txnId: string }): Promise<{ txnId: string }>;
  /** Rejects with E_OTP_WRONG (details.attemptsLeft), E_OTP_EXPIRED or E_OTP_LOCKED. */
  verifyOtp(input: { caseId: string; txnId: string; otp: string }): Promise<IdentityResult>;
  listDevices(input: { modality: Modality }): Promise<DeviceOption[]>;
  /** Capture on the RD device and authenticate with UIDAI; rejects with the RD error message on failure. */
  biometricAuth(input: InCase & { deviceId: string; modality: Modality; idDigits: string }): Promise<IdentityResult & { quality: number }>;
  verifyQr(input: QrScan & { source: QrSource }): Promise<QrResult>;
  openOfflineXml(input: { file: Uint8Array; fileName: string; shareCode: string }): Promise<IdentityResult>;
  /** Drops anything about the customer the services still hold (the number kept for an OTP resend). */
  forgetCustomer?(): void;
  saveIdentity(input: { caseId: string } & IdentityResult): Promise<void>;
  recordFaceMatch(input: { caseId: string; matched: boolean }): Promise<void>;
  checkPan(input: InCase & { pan: string | null; name: string; dob?: string | undefined; online: boolean }): Promise<PanOutcome>;
  screenAml(input: { caseId: string; name: string; dob?: string | undefined; method: IdentityMethod | null }): Promise<AmlOutcome>;
  decide(input: { caseId: string; decision: { decision: 'approve' } | { decision: 'refer'; note: string } | { decision: 'reject'; reason: string } }): Promise<CaseSummary>;
  loadReceipt(input: { caseId: string }): Promise<Receipt>;
  cancelCase(input: { caseId: string }): Promise<void>;
}
