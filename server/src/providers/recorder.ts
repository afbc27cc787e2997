/**
 * Where every provider attempt and every OTP attempt is recorded (the
 * api_requests and otp_attempts tables). Never the OTP, the Aadhaar number,
 * the VID or the PID: an Aadhaar is recorded as its keyed hash and last 4 digits.
 */
import type { ProviderErrorKind } from './errors';

export interface ApiRequestRecord {
  provider: string;
  /** "POST /v3/tasks/sync/verify_with_source/ind_pan": path only, never a query with identifiers. */
  endpoint: string;
  method: string;
  httpStatus: number | null;
  latencyMs: number;
  retries: number;
  outcome: 'ok' | ProviderErrorKind;
  error?: string;
  journeyId?: string;
  deviceId?: string;
  at: Date;
}

export type OtpAttemptStatus = 'sent' | 'verified' | 'otp_invalid' | 'otp_expired' | 'locked' | 'rate_limited' | 'error';

export interface OtpAttemptRecord {
  kind: 'request' | 'verify';
  txnId: string | null;
  aadhaarHash: string;
  last4: string;
  attemptNumber: number;
  status: OtpAttemptStatus;
  failureReason?: string;
  provider: string;
  deviceId: string;
  agentId: string;
  journeyId?: string;
  consentRef?: string;
  expiresAt?: Date;
  at: Date;
}

export interface VerificationRecorder {
  apiRequest(r: ApiRequestRecord): Promise<void>;
  otpAttempt(r: OtpAttemptRecord): Promise<void>;
}

/** For tests and the embedded demo server before a database is attached. */
export class MemoryRecorder implements VerificationRecorder {
  readonly apiRequests: ApiRequestRecord[] = [];
  readonly otpAttempts: OtpAttemptRecord[] = [];
  async apiRequest(r: ApiRequestRecord) { this.apiRequests.push(r); }
  async otpAttempt(r: OtpAttemptRecord) { this.otpAttempts.push(r); }
}
