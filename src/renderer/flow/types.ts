/**
 * What the flow machine needs from the outside world, as plain async functions
 * (XState `fromPromise` actors). The renderer binds them to `window.kiosk`
 * channels (`services.ts`); tests bind them to fakes. An actor that fails
 * rejects with `FlowError` (the contract's error data).
 */
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

export type QrSource = 'scanner' | 'wedge' | 'camera';

export interface FlowServices {
  startCase(input: { language: KycLanguage }): Promise<{ caseId: string; reference: string }>;
  loadConsent(input: { language: KycLanguage }): Promise<ConsentText>;
  recordConsent(input: { caseId: string; text: ConsentText; granted: Partial<Record<ConsentPurpose, boolean>>; channel: 'screen' | 'read-out' }): Promise<{ consentId: string }>;
  chooseMethod(input: { caseId: string; method: IdentityMethod }): Promise<void>;
  /** The Aadhaar number/VID goes straight to the OTP service; only the transaction id comes back. */
  requestOtp(input: { idDigits: string }): Promise<{ txnId: string; maskedMobile?: string }>;
  resendOtp(input: { txnId: string }): Promise<{ txnId: string }>;
  verifyOtp(input: { txnId: string; otp: string }): Promise<IdentityResult>;
  listDevices(input: { modality: Modality }): Promise<DeviceOption[]>;
  /** Capture on the RD device and authenticate with UIDAI; rejects with the RD error message on failure. */
  biometricAuth(input: { deviceId: string; modality: Modality; idDigits: string }): Promise<IdentityResult & { quality: number }>;
  verifyQr(input: { payload: string; source: QrSource }): Promise<QrResult>;
  openOfflineXml(input: { file: Uint8Array; fileName: string; shareCode: string }): Promise<IdentityResult>;
  saveIdentity(input: { caseId: string } & IdentityResult): Promise<void>;
  recordFaceMatch(input: { caseId: string; matched: boolean }): Promise<void>;
  checkPan(input: { caseId: string; pan: string | null; name: string; online: boolean }): Promise<PanOutcome>;
  screenAml(input: { caseId: string; name: string; dob?: string | undefined }): Promise<AmlOutcome>;
  decide(input: { caseId: string; decision: { decision: 'approve' } | { decision: 'refer'; note: string } | { decision: 'reject'; reason: string } }): Promise<CaseSummary>;
  loadReceipt(input: { caseId: string }): Promise<Receipt>;
  cancelCase(input: { caseId: string }): Promise<void>;
}
