/**
 * Aadhaar OTP eKYC through Cashfree's Offline Aadhaar (OKYC) API, chosen
 * because its API is documented publicly (kyc-domain.md 2.3; cashfree.com/docs
 * "generate otp to verify aadhaar" and "submit otp to verify aadhaar"):
 *   POST /verification/offline-aadhaar/otp    {aadhaar_number} -> {status:"SUCCESS", message, ref_id}
 *   POST /verification/offline-aadhaar/verify {otp, ref_id}    -> {status:"VALID", name, dob "DD-MM-YYYY",
 *        gender, care_of, split_address{...}, year_of_birth, mobile_hash, photo_link (base64), ...}
 * Headers x-client-id / x-client-secret; no request signing when the server IP is allow-listed.
 * Cashfree takes the Aadhaar number only (no VID), an OTP is valid 10 minutes,
 * and a new OTP for the same number needs a 45 s wait.
 * The answers for a wrong or expired OTP are not documented in what we read:
 * we read `status` INVALID / EXPIRED (and a 400 whose message says so) [partial].
 */
import { z } from 'zod';
import { ProviderError } from '../errors';
import { createProviderHttp, type ProviderHttp } from '../http';
import type { ProviderGuard } from '../resilience';
import type { AadhaarEkyc, AadhaarOtpProvider, CallMeta, OtpInitiateResult, OtpVerifyResult } from '../types';

export interface CashfreeConfig {
  baseURL: string;
  clientId: string;
  clientSecret: string;
  timeoutMs?: number;
  /** Wrong OTPs accepted per transaction before we stop sending them (our policy). */
  maxOtpTries?: number;
}

const NAME = 'cashfree';
const OTP_VALIDITY_MS = 10 * 60_000;
const RESEND_AFTER_SEC = 45;

const GenerateAnswer = z.object({ status: z.string(), message: z.string().optional(), ref_id: z.union([z.string(), z.number()]).optional() });
const VerifyAnswer = z.object({
  status: z.string(),
  message: z.string().optional(),
  ref_id: z.union([z.string(), z.number()]).optional(),
  name: z.string().optional(),
  dob: z.string().optional(),
  year_of_birth: z.union([z.string(), z.number()]).optional(),
  gender: z.string().optional(),
  care_of: z.string().optional(),
  split_address: z.record(z.string(), z.union([z.string(), z.number()]).nullable()).optional(),
  mobile_hash: z.string().optional(),
  email: z.string().optional(),
  photo_link: z.string().optional(),
}).passthrough();

/** "DD-MM-YYYY" to "YYYY-MM-DD"; a year alone stays a year. */
export function isoDob(dob: string | undefined, year: string | number | undefined): string | undefined {
  const m = dob ? /^(\d{2})[-/](\d{2})[-/](\d{4})$/.exec(dob.trim()) : null;
  if (m) return `${m[3]}-${m[2]}-${m[1]}`;
  if (dob && /^\d{4}-\d{2}-\d{2}$/.test(dob)) return dob;
  const y = String(year ?? '').trim();
  return /^\d{4}$/.test(y) ? y : undefined;
}

export class CashfreeAadhaarOtpProvider implements AadhaarOtpProvider {
  readonly name = NAME;
  readonly acceptsVid = false;
  private readonly http: ProviderHttp;
  private readonly tries = new Map<string, number>();
  private readonly maxTries: number;

  constructor(config: CashfreeConfig, private readonly guard: ProviderGuard) {
    this.http = createProviderHttp({
      provider: NAME,
      baseURL: config.baseURL,
      timeoutMs: config.timeoutMs ?? guard.options.timeoutMs,
      headers: { 'x-client-id': config.clientId, 'x-client-secret': config.clientSecret },
    });
    this.maxTries = config.maxOtpTries ?? 3;
  }

  async initiate(req: { idNumber: string; idKind: 'aadhaar' | 'vid' }, meta: CallMeta): Promise<OtpInitiateResult> {
    if (req.idKind === 'vid') throw new ProviderError(NAME, 'not_supported', 'This OTP provider takes the Aadhaar number, not a VID');
    const endpoint = '/verification/offline-aadhaar/otp';
    // Not retried: a second send invalidates the OTP the resident may already be reading.
    const raw = await this.guard.call({ endpoint: `POST ${endpoint}`, method: 'POST', retrySafe: false, journeyId: meta.journeyId, deviceId: meta.deviceId }, async (signal) =>
      (await this.http.request<unknown>({ method: 'POST', url: endpoint, data: { aadhaar_number: req.idNumber } }, signal)).data);
    const a = GenerateAnswer.safeParse(raw);
    if (!a.success) throw new ProviderError(NAME, 'protocol', 'Cashfree OTP answer had an unexpected shape');
    if (a.data.status !== 'SUCCESS' || a.data.ref_id === undefined) {
      throw new ProviderError(NAME, 'refused', cashfreeRefusal(a.data.status, a.data.message));
    }
    const txnId = String(a.data.ref_id);
    this.tries.set(txnId, 0);
    return { txnId, provider: NAME, expiresAt: new Date(Date.now() + OTP_VALIDITY_MS).toISOString(), resendAfterSec: RESEND_AFTER_SEC };
  }

  async verify(req: { txnId: string; otp: string; maskedId: string }, meta: CallMeta): Promise<OtpVerifyResult> {
    const used = this.tries.get(req.txnId) ?? 0;
    if (used >= this.maxTries) return { status: 'locked', reason: 'too many wrong OTPs for this transaction; request a new OTP' };
    this.tries.set(req.txnId, used + 1);
    const endpoint = '/verification/offline-aadhaar/verify';
    let raw: unknown;
    try {
      // Never retried: the provider may have consumed the OTP.
      raw = await this.guard.call({ endpoint: `POST ${endpoint}`, method: 'POST', retrySafe: false, journeyId: meta.journeyId, deviceId: meta.deviceId }, async (signal) =>
        (await this.http.request<unknown>({ method: 'POST', url: endpoint, data: { otp: req.otp, ref_id: req.txnId } }, signal)).data);
    } catch (e) {
      if (e instanceof ProviderError && e.kind === 'bad_request' && e.httpStatus === 400) return this.wrongOtp(req.txnId, used + 1, e.message);
      throw e;
    }
    const a = VerifyAnswer.safeParse(raw);
    if (!a.success) throw new ProviderError(NAME, 'protocol', 'Cashfree verify answer had an unexpected shape');
    const v = a.data;
    if (v.status === 'EXPIRED' || /expired/i.test(v.message ?? '')) return { status: 'otp_expired' };
    if (v.status !== 'VALID') return this.wrongOtp(req.txnId, used + 1, v.message ?? v.status);
    this.tries.delete(req.txnId);
    return { status: 'verified', ekyc: toEkyc(v, req.maskedId, req.txnId) };
  }

  private wrongOtp(txnId: string, used: number, _why: string): OtpVerifyResult {
    const attemptsLeft = Math.max(0, this.maxTries - used);
    return attemptsLeft === 0 ? { status: 'locked', reason: 'too many wrong OTPs for this transaction; request a new OTP' } : { status: 'otp_invalid', attemptsLeft };
  }
}

function cashfreeRefusal(status: string, message: string | undefined): string {
  // Cashfree's own message can echo the number: keep only our wording.
  if (/mobile/i.test(message ?? '')) return 'This Aadhaar number has no mobile number linked; use biometric or offline verification';
  if (status === 'INVALID') return 'The provider says this Aadhaar number is not valid';
  return `The provider refused to send an OTP (${status})`;
}

function toEkyc(v: z.infer<typeof VerifyAnswer>, maskedId: string, txnId: string): AadhaarEkyc {
  const dob = isoDob(v.dob, v.year_of_birth);
  const gender = (v.gender ?? '').toUpperCase().slice(0, 1);
  if (!v.name || !dob || !['M', 'F', 'T'].includes(gender)) throw new ProviderError(NAME, 'protocol', 'Cashfree eKYC lacked name, date of birth or gender');
  const a = v.split_address ?? {};
  const s = (k: string) => (a[k] === undefined || a[k] === null || a[k] === '' ? undefined : String(a[k]));
  const address = Object.fromEntries(Object.entries({
    careOf: v.care_of, house: s('house'), street: s('street'), landmark: s('landmark'), locality: s('locality'), vtc: s('vtc'),
    subDistrict: s('subdist'), district: s('dist'), state: s('state'), country: s('country'), pincode: s('pincode'), postOffice: s('po'),
  }).filter(([, x]) => x !== undefined && x !== '')) as AadhaarEkyc['address'];
  return {
    maskedAadhaar: maskedId,
    name: v.name,
    dob,
    gender: gender as 'M' | 'F' | 'T',
    address,
    ...(v.photo_link ? { photo: { mime: 'image/jpeg' as const, base64: v.photo_link } } : {}),
    ...(v.mobile_hash ? { mobileHash: v.mobile_hash } : {}),
    providerTxn: String(v.ref_id ?? txnId),
    provider: NAME,
  };
}
