/**
 * The verification service behind the /v1/verify routes: validates input,
 * applies the OTP limits (5 per 15 minutes per Aadhaar keyed hash and per
 * agent), binds each OTP transaction to the device that started it, calls the
 * providers, records every attempt, and turns provider failures into stable
 * HTTP answers. The Aadhaar number/VID is used for the call and dropped: the
 * binding keeps only its keyed hash and last 4 digits; the OTP and PID are
 * never kept.
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import {
  PASSPORT_FILE_NUMBER, type BioAuthResult, type OtpInitiateResult, type OtpVerifyResult, type PanResult, type PassportResult,
} from '../../../../src/shared/kyc/verification';
import { checkAadhaarOrVid, maskId } from '../../../../src/shared/validators/aadhaar';
import { checkPan } from '../../../../src/shared/validators/pan';
import { HttpError } from '../../auth/errors';
import { ProviderError } from '../../providers/errors';
import { SlidingWindowLimiter } from '../../providers/rate-limit';
import type { VerificationRecorder } from '../../providers/recorder';
import type { VerificationProviders } from '../../providers/types';

export const OTP_LIMIT = { requests: 5, windowMs: 15 * 60_000 } as const;

const Journey = { journeyId: z.string().uuid(), consentRef: z.string().min(1).max(100), agentId: z.string().min(1).max(64) };
export const OtpRequestInput = z.object({ idNumber: z.string().min(12).max(19), ...Journey });
export const OtpVerifyInput = z.object({ txnId: z.string().min(1).max(100), otp: z.string().regex(/^\d{6}$/), journeyId: z.string().uuid(), agentId: z.string().min(1).max(64) });
export const BioInput = z.object({ idNumber: z.string().min(12).max(19), modality: z.enum(['finger', 'iris']), pidDataXml: z.string().min(1).max(512 * 1024), wadh: z.string().min(1).max(100), ...Journey });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const PanInput = z.object({ pan: z.string(), name: z.string().min(1).max(200), dob: isoDate, ...Journey });
export const PassportInput = z.object({ fileNumber: z.string(), dob: isoDate, name: z.string().max(200).optional(), ...Journey });

interface OtpBinding { deviceId: string; agentId: string; aadhaarHash: string; last4: string; maskedId: string; provider: string; tries: number; expiresAt: number; journeyId: string; consentRef: string }

/** Provider failures to HTTP: the agent sees a stable code, a plain message and, where known, when to retry. */
export function providerHttpError(e: unknown): HttpError {
  if (!(e instanceof ProviderError)) return new HttpError(502, 'E_PROVIDER_FAILED', 'The verification provider failed; try again or use another method.');
  const retry = e.retryAfterSec !== undefined ? { retryAfterSec: e.retryAfterSec } : {};
  switch (e.kind) {
    case 'refused': return new HttpError(422, 'E_VERIFY_REFUSED', e.message);
    case 'not_supported': return new HttpError(422, 'E_VERIFY_NOT_SUPPORTED', e.message);
    case 'circuit_open': return new HttpError(503, 'E_PROVIDER_UNAVAILABLE', `${e.provider} is failing; calls are paused. Try again later or use an offline method.`, { ...retry, provider: e.provider });
    case 'rate_limited': return new HttpError(503, 'E_PROVIDER_BUSY', `${e.provider} is rate limiting us; try again shortly.`, { ...retry, provider: e.provider });
    case 'timeout': return new HttpError(504, 'E_PROVIDER_TIMEOUT', `${e.provider} did not answer in time; try again or use another method.`, { provider: e.provider });
    case 'unavailable': return new HttpError(502, 'E_PROVIDER_UNAVAILABLE', `${e.provider} is unavailable; try again later or use an offline method.`, { provider: e.provider });
    default: return new HttpError(502, 'E_PROVIDER_FAILED', `${e.provider} failed (${e.kind}); the case can go to manual review.`, { provider: e.provider });
  }
}

export class VerificationService {
  readonly limiter: SlidingWindowLimiter;
  private readonly bindings = new Map<string, OtpBinding>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly providers: VerificationProviders,
    private readonly recorder: VerificationRecorder,
    private readonly hashKey: Buffer,
    private readonly now: () => number = Date.now,
  ) {
    this.limiter = new SlidingWindowLimiter(OTP_LIMIT.requests, OTP_LIMIT.windowMs, now);
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  /** HMAC-SHA256 with a server-held key: a 12-digit space is too small for an unkeyed hash. */
  keyedHash(digits: string): string {
    return createHmac('sha256', this.hashKey).update(digits).digest('hex');
  }

  private parseId(raw: string) {
    const id = checkAadhaarOrVid(raw);
    if (!id.ok) throw new HttpError(422, 'E_VERIFY_BAD_AADHAAR', id.reason === 'checksum' ? 'The Aadhaar number or VID has a wrong check digit.' : 'Enter a 12-digit Aadhaar number or a 16-digit VID.');
    return id;
  }

  async requestOtp(input: z.infer<typeof OtpRequestInput>, deviceId: string): Promise<OtpInitiateResult> {
    const id = this.parseId(input.idNumber);
    const aadhaarHash = this.keyedHash(id.digits);
    const base = { aadhaarHash, last4: id.last4, deviceId, agentId: input.agentId, journeyId: input.journeyId, consentRef: input.consentRef, provider: this.providers.aadhaarOtp.name };
    const verdict = this.limiter.take({ aadhaar: aadhaarHash, agent: input.agentId });
    if (!verdict.allowed) {
      const at = new Date(this.now());
      await this.recorder.apiRequest({ provider: 'central-api', endpoint: 'POST /v1/verify/otp/request', method: 'POST', httpStatus: 429, latencyMs: 0, retries: 0, outcome: 'rate_limited', error: `E_OTP_RATE_LIMITED;${verdict.scope}`, journeyId: input.journeyId, deviceId, at });
      await this.recorder.otpAttempt({ ...base, kind: 'request', txnId: null, attemptNumber: OTP_LIMIT.requests + 1, status: 'rate_limited', failureReason: `limit:${verdict.scope}`, at });
      const who = verdict.scope === 'agent' ? 'this agent' : 'this Aadhaar number';
      throw new HttpError(429, 'E_OTP_RATE_LIMITED', `Too many OTP requests for ${who}: at most ${OTP_LIMIT.requests} in 15 minutes. Try again in ${Math.ceil(verdict.retryAfterSec / 60)} min, or use biometric or offline verification.`, { retryAfterSec: verdict.retryAfterSec, scope: verdict.scope });
    }
    const meta = { consentRef: input.consentRef, journeyId: input.journeyId, deviceId };
    let started: OtpInitiateResult;
    try {
      started = await this.providers.aadhaarOtp.initiate({ idNumber: id.digits, idKind: id.kind }, meta);
    } catch (e) {
      await this.recorder.otpAttempt({ ...base, kind: 'request', txnId: null, attemptNumber: 1, status: 'error', failureReason: e instanceof ProviderError ? e.kind : 'error', at: new Date(this.now()) });
      throw providerHttpError(e);
    }
    const expiresAt = Date.parse(started.expiresAt);
    this.bindings.set(started.txnId, { ...base, maskedId: maskId(id.digits), tries: 0, expiresAt });
    await this.recorder.otpAttempt({ ...base, kind: 'request', txnId: started.txnId, attemptNumber: 1, status: 'sent', expiresAt: new Date(expiresAt), at: new Date(this.now()) });
    return started;
  }

  async verifyOtp(input: z.infer<typeof OtpVerifyInput>, deviceId: string): Promise<OtpVerifyResult> {
    const b = this.bindings.get(input.txnId);
    if (!b || b.deviceId !== deviceId) throw new HttpError(404, 'E_OTP_TXN_UNKNOWN', 'This OTP transaction is unknown or expired; request a new OTP.');
    b.tries++;
    let result: OtpVerifyResult;
    try {
      result = await this.providers.aadhaarOtp.verify({ txnId: input.txnId, otp: input.otp, maskedId: b.maskedId }, { consentRef: b.consentRef, journeyId: b.journeyId, deviceId });
    } catch (e) {
      await this.recorder.otpAttempt({ ...b, kind: 'verify', txnId: input.txnId, attemptNumber: b.tries, status: 'error', failureReason: e instanceof ProviderError ? e.kind : 'error', agentId: input.agentId, expiresAt: new Date(b.expiresAt), at: new Date(this.now()) });
      throw providerHttpError(e);
    }
    await this.recorder.otpAttempt({ ...b, kind: 'verify', txnId: input.txnId, attemptNumber: b.tries, status: result.status, agentId: input.agentId, expiresAt: new Date(b.expiresAt), at: new Date(this.now()) });
    if (result.status !== 'otp_invalid') this.bindings.delete(input.txnId);
    return result;
  }

  wadh(modality: 'finger' | 'iris'): { wadh: string; env: 'P' | 'PP' | 'S' } {
    return { wadh: this.providers.biometric.wadhFor(modality), env: this.providers.biometric.name === 'uidai-sandbox' ? 'S' : 'P' };
  }

  async authenticate(input: z.infer<typeof BioInput>, deviceId: string): Promise<BioAuthResult> {
    const id = this.parseId(input.idNumber);
    if (input.wadh !== this.providers.biometric.wadhFor(input.modality)) throw new HttpError(422, 'E_BIO_BAD_WADH', 'The capture used a wadh this server did not issue for this modality; capture again.');
    try {
      return await this.providers.biometric.authenticate({ idNumber: id.digits, idKind: id.kind, pidDataXml: input.pidDataXml, wadh: input.wadh }, { consentRef: input.consentRef, journeyId: input.journeyId, deviceId });
    } catch (e) {
      throw providerHttpError(e);
    }
  }

  async verifyPan(input: z.infer<typeof PanInput>, deviceId: string): Promise<PanResult> {
    const pan = checkPan(input.pan);
    if (!pan.ok) throw new HttpError(422, 'E_VERIFY_BAD_PAN', 'Enter a PAN like ABCPE1234F.');
    try {
      return await this.providers.pan.verifyPan({ pan: pan.pan, name: input.name.trim(), dob: input.dob }, { consentRef: input.consentRef, journeyId: input.journeyId, deviceId });
    } catch (e) {
      throw providerHttpError(e);
    }
  }

  async verifyPassport(input: z.infer<typeof PassportInput>, deviceId: string): Promise<PassportResult> {
    const fileNumber = input.fileNumber.replace(/\s/g, '').toUpperCase();
    if (!PASSPORT_FILE_NUMBER.test(fileNumber)) throw new HttpError(422, 'E_VERIFY_BAD_FILE_NUMBER', 'Enter the passport file number from the last page (e.g. PN1067476816213).');
    try {
      return await this.providers.passport.verifyPassport({ fileNumber, dob: input.dob, ...(input.name ? { name: input.name } : {}) }, { consentRef: input.consentRef, journeyId: input.journeyId, deviceId });
    } catch (e) {
      throw providerHttpError(e);
    }
  }

  private sweep(): void {
    const t = this.now();
    for (const [k, b] of this.bindings) if (b.expiresAt < t) this.bindings.delete(k);
    this.limiter.sweep();
  }
}
