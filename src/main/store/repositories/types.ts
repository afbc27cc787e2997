/** The stored shapes, camelCase mirrors of the migration 001 columns (JSON columns without their `_json`). */
/** How Aadhaar was verified (aadhaar_verifications.method). */
export type AadhaarMethod = 'otp' | 'biometric' | 'qr' | 'xml';
/** A KYC record's method: an Aadhaar one, or 'ovd' (officially valid document, alternate-ID path; migration 003). */
export type KycMethod = AadhaarMethod | 'ovd';
export type KycStatus = 'pending' | 'approved' | 'rejected' | 'expired';
export type RiskLevel = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

export interface Agent {
  id: string;
  username: string;
  displayName: string;
  role: 'agent' | 'supervisor' | 'admin';
  branchId: string;
  credentialHash: string | null;
  status: 'active' | 'locked' | 'disabled';
  failedAttempts: number;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}
export type NewAgent = Pick<Agent, 'id' | 'username' | 'displayName' | 'role' | 'branchId'> & Partial<Pick<Agent, 'credentialHash' | 'status'>>;

export interface KycRecord {
  id: string;
  reference: string;
  branchId: string;
  agentId: string;
  deviceId: string | null;
  method: KycMethod;
  status: KycStatus;
  statusReason: string | null;
  /** Personal data: cleared by retention once the server has confirmed the record. */
  customerName: string | null;
  dateOfBirth: string | null;
  gender: string | null;
  mobileLast4: string | null;
  aadhaarLast4: string | null;
  aadhaarKeyedHash: string | null;
  aadhaarVaultRef: string | null;
  details: Record<string, unknown> | null;
  submittedAt: string;
  verifiedAt: string | null;
  expiresAt: string | null;
  serverConfirmedAt: string | null;
  personalDataPurgedAt: string | null;
  legalHold: boolean;
  legalHoldReason: string | null;
  erasedAt: string | null;
  createdAt: string;
  updatedAt: string;
}
export type NewKycRecord = Pick<KycRecord, 'id' | 'reference' | 'branchId' | 'agentId' | 'method' | 'status' | 'submittedAt'>
  & Partial<Pick<KycRecord, 'deviceId' | 'statusReason' | 'customerName' | 'dateOfBirth' | 'gender' | 'mobileLast4' | 'aadhaarLast4' | 'aadhaarKeyedHash' | 'aadhaarVaultRef' | 'details' | 'verifiedAt' | 'expiresAt'>>;

export interface AadhaarVerification {
  id: string;
  kycRecordId: string | null;
  transactionId: string;
  referenceId: string | null;
  method: AadhaarMethod;
  verificationStatus: 'initiated' | 'otp_sent' | 'verified' | 'failed' | 'expired';
  kycStatus: KycStatus;
  attempts: number;
  aadhaarMasked: string | null;
  aadhaarKeyedHash: string | null;
  aadhaarVaultRef: string | null;
  address: Record<string, unknown> | null;
  photoRef: string | null;
  failureReason: string | null;
  createdAt: string;
  updatedAt: string;
  verifiedAt: string | null;
}
export type NewAadhaarVerification = Pick<AadhaarVerification, 'id' | 'transactionId' | 'method' | 'verificationStatus'>
  & Partial<Omit<AadhaarVerification, 'id' | 'transactionId' | 'method' | 'verificationStatus' | 'createdAt' | 'updatedAt'>>;

export interface OtpAttempt {
  id: number;
  verificationId: string;
  attemptNumber: number;
  status: 'requested' | 'sent' | 'verified' | 'failed' | 'expired' | 'locked';
  failureReason: string | null;
  aadhaarKeyedHash: string | null;
  agentId: string | null;
  deviceId: string | null;
  /** Where the attempt came from (screen, app version, network): never the OTP. */
  clientContext: Record<string, unknown> | null;
  createdAt: string;
}
export type NewOtpAttempt = Pick<OtpAttempt, 'verificationId' | 'attemptNumber' | 'status'> & Partial<Pick<OtpAttempt, 'failureReason' | 'aadhaarKeyedHash' | 'agentId' | 'deviceId' | 'clientContext'>>;

export interface AmlAssessment {
  id: string;
  kycRecordId: string | null;
  subjectRef: string;
  riskScore: number;
  riskLevel: RiskLevel;
  matchCount: number;
  strongMatchCount: number;
  listVersions: Record<string, unknown> | null;
  factors: unknown[] | null;
  matches: unknown[] | null;
  recommendations: unknown[] | null;
  disposition: string | null;
  disposedBy: string | null;
  disposedAt: string | null;
  screenedAt: string;
  validUntil: string | null;
  nextReviewAt: string | null;
  createdAt: string;
}
export type NewAmlAssessment = Pick<AmlAssessment, 'id' | 'subjectRef' | 'riskScore' | 'riskLevel' | 'screenedAt'>
  & Partial<Pick<AmlAssessment, 'kycRecordId' | 'matchCount' | 'strongMatchCount' | 'listVersions' | 'factors' | 'matches' | 'recommendations' | 'validUntil' | 'nextReviewAt'>>;

export interface ApiRequest {
  id: string;
  kycRecordId: string | null;
  correlationId: string | null;
  provider: string | null;
  endpoint: string;
  method: string;
  status: 'pending' | 'succeeded' | 'failed' | 'timeout';
  httpStatus: number | null;
  latencyMs: number | null;
  retries: number;
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: string;
  completedAt: string | null;
}
export type NewApiRequest = Pick<ApiRequest, 'id' | 'endpoint' | 'method' | 'status'> & Partial<Omit<ApiRequest, 'id' | 'endpoint' | 'method' | 'status' | 'createdAt'>>;

export interface Consent {
  id: string;
  kycRecordId: string | null;
  sessionId: string;
  purpose: string;
  textVersionHash: string;
  language: string;
  /** 'read_out': the agent read the text to the customer (migration 003). */
  channel: 'screen_tap' | 'signature_pad' | 'paper_scan' | 'read_out';
  granted: boolean;
  agentId: string;
  deviceId: string | null;
  givenAt: string;
  withdrawnAt: string | null;
}
export type NewConsent = Omit<Consent, 'kycRecordId' | 'deviceId' | 'withdrawnAt'> & Partial<Pick<Consent, 'kycRecordId' | 'deviceId'>>;
