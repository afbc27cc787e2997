/**
 * uidai-sandbox: the stand-in for UIDAI (through an AUA/KUA) in demo mode and
 * tests. Aadhaar OTP: test residents only, OTPs delivered to a development log,
 * 10-minute validity, 3 wrong tries then locked. Biometric eKYC: the PidData is
 * checked by the RD PID verifier with the test "UIDAI" private key (Skey, Hmac,
 * ts freshness, wadh, dih, bs against mc), then the decrypted records are
 * matched, by similarity, to the reference templates of the resident's
 * enrolled subject (residents.ts; derivation in
 * src/devices/rd/pid/synthetic-biometrics.ts): the RD simulator presenting
 * that subject matches on every capture, anyone else gets UIDAI 300. Demo mode's
 * simulators present the first resident's subject (DEMO_SUBJECT). Answers in
 * the KycRes shape, photo included. Refuses to start in production. See README.md.
 */
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { verifyPidBlock } from '../../../../src/devices/rd/pid/verify';
import { maskId } from '../../../../src/shared/validators/aadhaar';
import { ProviderError } from '../errors';
import type { AadhaarOtpProvider, BioAuthResult, BiometricAuthProvider, CallMeta, OtpInitiateResult, OtpVerifyResult, PidSubmission } from '../types';
import { buildKycRes, parseKycRes } from './kyc-res';
import { MATCH_THRESHOLD, bestScore, recordQuality } from './matcher';
import type { OtpOutbox } from './otp-outbox';
import { findResident, type TestResident } from './residents';

export const SANDBOX_NAME = 'uidai-sandbox';

export interface UidaiSandboxOptions {
  mode: 'demo' | 'development' | 'test' | 'production';
  /** Private key of the test "UIDAI" encryption certificate the RD simulator encrypts to. */
  uidaiPrivateKeyPem: string;
  otpOutbox: OtpOutbox;
  now?: () => Date;
  otpValidityMs?: number;
  /** Allowed PID ts skew (UIDAI 561/562). */
  maxPidSkewMs?: number;
}

/** eKYC wadh = base64(SHA-256("2.5" + ra + rc + lr + de + pfr)) as used in the field (rd-service.md 5.6). */
export function ekycWadh(ra: 'F' | 'I'): string {
  return createHash('sha256').update(`2.5${ra}YNNN`).digest('base64');
}

/** Below this record quality a no-match is reported as a placement problem. */
const LOW_QUALITY = 40;

interface OtpTxn { residentAadhaar: string; idNumber: string; otpMac: Buffer; expiresAt: number; wrong: number; used: boolean }

const pidParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseAttributeValue: false, parseTagValue: false, isArray: (name) => name === 'Bio' });

export class UidaiSandbox implements AadhaarOtpProvider, BiometricAuthProvider {
  readonly name = SANDBOX_NAME;
  readonly acceptsVid = true;
  private readonly txns = new Map<string, OtpTxn>();
  private readonly macKey = randomBytes(32);
  private readonly now: () => Date;
  /** SHA-256 of every accepted PID's Data: UIDAI refuses a replayed PID (563). Pruned by age. */
  private readonly seenPids = new Map<string, number>();

  constructor(private readonly options: UidaiSandboxOptions) {
    if (options.mode === 'production') {
      throw new ProviderError(SANDBOX_NAME, 'not_supported', 'The UIDAI sandbox answers for synthetic residents only and refuses to run in production');
    }
    this.now = options.now ?? (() => new Date());
  }

  wadhFor(modality: 'finger' | 'iris'): string {
    return ekycWadh(modality === 'finger' ? 'F' : 'I');
  }

  async initiate(req: { idNumber: string; idKind: 'aadhaar' | 'vid' }, _meta: CallMeta): Promise<OtpInitiateResult> {
    const r = findResident(req.idNumber);
    // UIDAI answers an unknown number the same way as a real one without a mobile: no OTP, no hint which.
    if (!r) throw new ProviderError(SANDBOX_NAME, 'refused', 'No OTP could be sent for this number (not a sandbox test resident)');
    if (!r.mobileLast4) throw new ProviderError(SANDBOX_NAME, 'refused', 'This Aadhaar number has no mobile number linked; use biometric or offline verification');
    const txnId = `UKC:${randomBytes(12).toString('hex')}`;
    const otp = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = this.now().getTime() + (this.options.otpValidityMs ?? 10 * 60_000);
    this.txns.set(txnId, { residentAadhaar: r.aadhaar, idNumber: req.idNumber, otpMac: this.mac(otp), expiresAt, wrong: 0, used: false });
    this.options.otpOutbox.deliver({ txnId, maskedAadhaar: maskId(req.idNumber), mobileLast4: r.mobileLast4, otp, expiresAt: new Date(expiresAt).toISOString() });
    return { txnId, provider: SANDBOX_NAME, expiresAt: new Date(expiresAt).toISOString(), resendAfterSec: 45, maskedMobile: `XXXXXX${r.mobileLast4}` };
  }

  async verify(req: { txnId: string; otp: string; maskedId: string }, _meta: CallMeta): Promise<OtpVerifyResult> {
    const t = this.txns.get(req.txnId);
    if (!t || t.used) return { status: 'otp_expired' };
    if (this.now().getTime() > t.expiresAt) {
      this.txns.delete(req.txnId);
      return { status: 'otp_expired' };
    }
    if (t.wrong >= 3) return { status: 'locked', reason: 'too many wrong OTPs for this transaction; request a new OTP' };
    if (!timingSafeEqual(this.mac(req.otp), t.otpMac)) {
      t.wrong++;
      return t.wrong >= 3 ? { status: 'locked', reason: 'too many wrong OTPs for this transaction; request a new OTP' } : { status: 'otp_invalid', attemptsLeft: 3 - t.wrong };
    }
    t.used = true;
    this.txns.delete(req.txnId);
    return { status: 'verified', ekyc: this.ekyc(findResident(t.residentAadhaar)!, t.idNumber, req.txnId) };
  }

  async authenticate(req: PidSubmission, _meta: CallMeta): Promise<BioAuthResult> {
    const r = findResident(req.idNumber);
    const validWadh = [this.wadhFor('finger'), this.wadhFor('iris')];
    if (!validWadh.includes(req.wadh)) return { status: 'rejected', code: '552', reason: 'wadh is not one this KUA issues' };
    const check = verifyPidBlock({
      pidData: req.pidDataXml,
      privateKeyPem: this.options.uidaiPrivateKeyPem,
      now: this.now(),
      maxSkewMs: this.options.maxPidSkewMs ?? 10 * 60_000,
      expectedWadh: req.wadh,
    });
    if (!check.ok || !check.pidXml) {
      const f = check.failures[0] ?? { authCode: '999', message: 'PID could not be verified' };
      return { status: 'rejected', code: f.authCode, reason: f.message };
    }
    const pidKey = createHash('sha256').update(check.pidXml).digest('hex');
    const t = this.now().getTime();
    for (const [k, at] of this.seenPids) if (t - at > 24 * 3_600_000) this.seenPids.delete(k);
    if (this.seenPids.has(pidKey)) return { status: 'rejected', code: '563', reason: 'duplicate request: this PID was already used' };
    this.seenPids.set(pidKey, t);
    // Checked after the PID so an unknown number and a bad PID cannot be told apart by timing of the easy path.
    if (!r) return { status: 'no_match', code: '300', reason: 'biometric data did not match' };
    const records = this.records(check.pidXml);
    const modality = req.wadh === validWadh[0] ? 'finger' : 'iris';
    const wanted = records.filter((b) => (modality === 'finger' ? b.type === 'FMR' : b.type === 'IIR'));
    if (wanted.length === 0) return { status: 'rejected', code: '810', reason: `no ${modality} record in the PID` };
    const matched = wanted.some((b) => bestScore(modality, b.record, r.subject) >= MATCH_THRESHOLD[modality]);
    if (!matched) {
      // UIDAI answers a poor impression with the same 300; its actn asks for a better placement, as this hint does.
      const poor = wanted.every((b) => recordQuality(modality, b.record) < LOW_QUALITY);
      return { status: 'no_match', code: '300', reason: poor ? `biometric data did not match: the capture quality was low, ask the resident to place the ${modality === 'finger' ? 'finger' : 'eye'} again` : 'biometric data did not match' };
    }
    return { status: 'verified', ekyc: this.ekyc(r, req.idNumber, `UKC:${randomBytes(12).toString('hex')}`) };
  }

  private ekyc(r: TestResident, idNumber: string, txn: string) {
    // Built and parsed through the KycRes document, so the shape is the one a real KUA answer has.
    return parseKycRes(buildKycRes(r, r.aadhaar === idNumber ? idNumber : r.aadhaar, txn, this.now()), SANDBOX_NAME);
  }

  private records(pidXml: string): Array<{ type: string; record: Buffer }> {
    const doc = pidParser.parse(pidXml) as { Pid?: { Bios?: { Bio?: Array<Record<string, string>> } } };
    return (doc.Pid?.Bios?.Bio ?? []).map((b) => ({ type: b['@type'] ?? '', record: Buffer.from(String(b['#text'] ?? '').replace(/\s+/g, ''), 'base64') }));
  }

  private mac(otp: string): Buffer {
    return createHmac('sha256', this.macKey).update(otp).digest();
  }
}
