/**
 * The kiosk's online verification service: asks the central API, which asks
 * the providers. Offline (no enrolment, no answer) every call fails with
 * E_NEEDS_NETWORK naming the offline paths, so the flow offers Secure QR,
 * offline e-KYC XML or the OVD path instead of a dead button. The OTP is passed
 * through and never kept; the PID is taken once from the device hub (which
 * forgets it) and dropped as soon as it is sent, whatever the answer.
 */
import type { z } from 'zod';
import { CoreErrorCode, KioskError } from '../../shared/errors';
import {
  BioPrepareOutputSchema, OFFLINE_PATHS, type BioAuthenticateInputSchema, type OtpRequestInputSchema, type OtpVerifyInputSchema, type PanVerifyInputSchema, type PassportVerifyInputSchema,
} from '../../shared/ipc/verify';
import {
  BioAuthResultSchema, OtpInitiateResultSchema, OtpVerifyResultSchema, PanResultSchema, PassportResultSchema,
  type BioAuthResult, type OtpInitiateResult, type OtpVerifyResult, type PanResult, type PassportResult,
} from '../../shared/kyc/verification';
import type { Logger } from '../../shared/log';
import { checkAadhaarOrVid } from '../../shared/validators/aadhaar';
import { NetworkError, createSignedClient, type CentralClient, type CentralCredentials } from './client';

export interface VerifyServiceOptions {
  /** The enrolled device's credentials; undefined when not enrolled (treated as offline). */
  credentials: () => Promise<CentralCredentials | undefined> | CentralCredentials | undefined;
  /** Redeems an rd:capture reference for its PidData, once (the hub forgets it). */
  takePid: (captureRef: string) => string | undefined;
  log: Logger;
  /** Replaces the signed axios client (tests of offline behaviour use the real one against a closed port). */
  clientFor?: (c: CentralCredentials) => CentralClient;
}

export interface VerifyStatus {
  online: boolean | 'unknown';
  lastError?: string;
  checkedAt?: string;
}

type Who = { agentId: string };

export class VerifyService {
  private state: VerifyStatus = { online: 'unknown' };
  private cached: { creds: CentralCredentials; client: CentralClient } | undefined;

  constructor(private readonly o: VerifyServiceOptions) {}

  status(): VerifyStatus {
    return { ...this.state };
  }

  private needsNetwork(reason: string): KioskError {
    this.state = { online: false, lastError: reason, checkedAt: new Date().toISOString() };
    return new KioskError(CoreErrorCode.NEEDS_NETWORK,
      'Online verification needs the central API, which cannot be reached now. Offline you can still verify with the Aadhaar Secure QR, the offline e-KYC XML, or an officially valid document.',
      { offlinePaths: [...OFFLINE_PATHS], reason });
  }

  private async client(): Promise<CentralClient> {
    const creds = await this.o.credentials();
    if (!creds) throw this.needsNetwork('not-enrolled');
    if (this.cached?.creds !== creds) this.cached = { creds, client: (this.o.clientFor ?? createSignedClient)(creds) };
    return this.cached.client;
  }

  /** One call to the central API, its failures turned into errors the agent can act on. */
  private async call<T>(method: 'GET' | 'POST', path: string, body: unknown, schema: z.ZodType<T>, timeoutMs?: number): Promise<T> {
    const client = await this.client();
    let res;
    try {
      res = await client.request(method, path, body, timeoutMs ? { timeoutMs } : {});
    } catch (e) {
      if (e instanceof NetworkError) throw this.needsNetwork(e.reason);
      throw e;
    }
    this.state = { online: true, checkedAt: new Date().toISOString() };
    if (res.status >= 200 && res.status < 300) {
      const parsed = schema.safeParse(res.data);
      if (!parsed.success) throw new KioskError('E_VERIFY_BAD_ANSWER', 'The central API answered in an unexpected shape; try again or call support.');
      return parsed.data;
    }
    const err = (res.data ?? {}) as { code?: unknown; message?: unknown; retryAfterSec?: unknown; scope?: unknown; provider?: unknown };
    const code = typeof err.code === 'string' && /^E_[A-Z0-9_]+$/.test(err.code) ? err.code : res.status === 401 ? 'E_VERIFY_DEVICE_REFUSED' : 'E_VERIFY_FAILED';
    const retryAfter = Number(res.headers['retry-after'] ?? err.retryAfterSec);
    const details: Record<string, unknown> = { httpStatus: res.status };
    if (Number.isFinite(retryAfter) && retryAfter > 0) details.retryAfterSec = retryAfter;
    if (typeof err.scope === 'string') details.scope = err.scope;
    if (typeof err.provider === 'string') details.provider = err.provider;
    if (res.status >= 500) details.offlinePaths = [...OFFLINE_PATHS];
    const message = typeof err.message === 'string' && err.message.length < 500 ? err.message : 'The central API refused the request.';
    throw new KioskError(code, message, details);
  }

  async requestOtp(who: Who, input: z.output<typeof OtpRequestInputSchema>): Promise<OtpInitiateResult> {
    const id = checkAadhaarOrVid(input.idNumber);
    if (!id.ok) throw new KioskError('E_VERIFY_BAD_AADHAAR', id.reason === 'checksum' ? 'The Aadhaar number or VID has a wrong check digit.' : 'Enter a 12-digit Aadhaar number or a 16-digit VID.');
    const out = await this.call('POST', '/v1/verify/otp/request', { idNumber: id.digits, journeyId: input.caseId, consentRef: input.consentRef, agentId: who.agentId }, OtpInitiateResultSchema);
    this.o.log.info({ caseId: input.caseId, last4: id.last4, provider: out.provider }, 'OTP requested');
    return out;
  }

  async verifyOtp(who: Who, input: z.output<typeof OtpVerifyInputSchema>): Promise<OtpVerifyResult> {
    // The OTP goes straight into the request body and nowhere else.
    const out = await this.call('POST', '/v1/verify/otp/verify', { txnId: input.txnId, otp: input.otp, journeyId: input.caseId, agentId: who.agentId }, OtpVerifyResultSchema);
    this.o.log.info({ caseId: input.caseId, status: out.status }, 'OTP verification answered');
    return out;
  }

  async prepareBio(modality: 'finger' | 'iris'): Promise<{ wadh: string; env: 'P' | 'PP' | 'S' }> {
    return this.call('GET', `/v1/verify/bio/wadh?modality=${modality}`, undefined, BioPrepareOutputSchema);
  }

  async authenticateBio(who: Who, input: z.output<typeof BioAuthenticateInputSchema>): Promise<BioAuthResult> {
    const id = checkAadhaarOrVid(input.idNumber);
    if (!id.ok) throw new KioskError('E_VERIFY_BAD_AADHAAR', 'Enter a valid 12-digit Aadhaar number or 16-digit VID.');
    // Taken once: the hub forgets it now, and it lives only in this call's scope, whatever the answer.
    const pidDataXml = this.o.takePid(input.captureRef);
    if (!pidDataXml) throw new KioskError('E_BIO_CAPTURE_GONE', 'The fingerprint/iris capture has expired or was already used; capture again.');
    const out = await this.call('POST', '/v1/verify/bio/authenticate', {
      idNumber: id.digits, modality: input.modality, pidDataXml, wadh: input.wadh, journeyId: input.caseId, consentRef: input.consentRef, agentId: who.agentId,
    }, BioAuthResultSchema, 30_000);
    this.o.log.info({ caseId: input.caseId, status: out.status, ...(out.status !== 'verified' ? { code: out.code } : {}) }, 'biometric eKYC answered');
    return out;
  }

  async verifyPan(who: Who, input: z.output<typeof PanVerifyInputSchema>): Promise<PanResult> {
    return this.call('POST', '/v1/verify/pan', { pan: input.pan, name: input.name, dob: input.dob, journeyId: input.caseId, consentRef: input.consentRef, agentId: who.agentId }, PanResultSchema, 30_000);
  }

  async verifyPassport(who: Who, input: z.output<typeof PassportVerifyInputSchema>): Promise<PassportResult> {
    return this.call('POST', '/v1/verify/passport', {
      fileNumber: input.fileNumber, dob: input.dob, ...(input.name ? { name: input.name } : {}), journeyId: input.caseId, consentRef: input.consentRef, agentId: who.agentId,
    }, PassportResultSchema, 60_000);
  }
}
