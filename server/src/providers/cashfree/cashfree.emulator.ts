/**
 * Cashfree Offline Aadhaar emulator (test peer) in the documented shapes:
 * x-client-id / x-client-secret (401 otherwise), generate answers
 * {status:"SUCCESS", message:"OTP sent successfully", ref_id}, verify answers the
 * eKYC with status VALID. Wrong and expired OTPs answer status INVALID / EXPIRED.
 * The OTP "sent to the resident" is readable by the test through `lastOtp`.
 */
import { randomInt } from 'node:crypto';
import { HttpEmulator, type EmulatedAnswer, type EmulatedRequest } from '../test/http-emulator';

export const CASHFREE_KEYS = { clientId: 'CF-TEST-CLIENT', clientSecret: 'cf-test-secret-0123' };

export interface CashfreeResident { name: string; dob: string; gender: string; careOf: string; pincode: number; photoBase64: string; mobileLinked?: boolean }

export class CashfreeEmulator extends HttpEmulator {
  readonly residents = new Map<string, CashfreeResident>();
  readonly lastOtp = new Map<string, string>();
  private readonly txns = new Map<string, { uid: string; otp: string; expiresAt: number }>();
  private seq = 21637861;
  otpValidityMs = 10 * 60_000;

  constructor() {
    super((req) => this.handle(req));
  }

  private handle(req: EmulatedRequest): EmulatedAnswer {
    if (req.headers['x-client-id'] !== CASHFREE_KEYS.clientId || req.headers['x-client-secret'] !== CASHFREE_KEYS.clientSecret) {
      return { status: 401, body: { message: 'Invalid clientId and clientSecret combination', code: 'authentication_failed', type: 'authentication_error' } };
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (req.method === 'POST' && req.path === '/verification/offline-aadhaar/otp') {
      const uid = body.aadhaar_number;
      if (typeof uid !== 'string' || !/^\d{12}$/.test(uid)) return { status: 400, body: { message: 'aadhaar_number should be 12 digits', code: 'aadhaar_number_invalid', type: 'validation_error' } };
      const r = this.residents.get(uid);
      if (!r) return { status: 200, body: { status: 'INVALID', message: 'Invalid Aadhaar Card' } };
      if (r.mobileLinked === false) return { status: 200, body: { status: 'SUCCESS', message: 'Aadhaar not linked to mobile number' } };
      const refId = String(this.seq++);
      const otp = String(randomInt(0, 1_000_000)).padStart(6, '0');
      this.txns.set(refId, { uid, otp, expiresAt: Date.now() + this.otpValidityMs });
      this.lastOtp.set(uid, otp);
      return { status: 200, body: { status: 'SUCCESS', message: 'OTP sent successfully', ref_id: Number(refId) } };
    }
    if (req.method === 'POST' && req.path === '/verification/offline-aadhaar/verify') {
      const t = this.txns.get(String(body.ref_id));
      if (!t || typeof body.otp !== 'string') return { status: 400, body: { message: 'ref_id or otp invalid', code: 'verification_failed', type: 'validation_error' } };
      if (Date.now() > t.expiresAt) return { status: 200, body: { status: 'EXPIRED', message: 'OTP expired', ref_id: body.ref_id } };
      if (body.otp !== t.otp) return { status: 200, body: { status: 'INVALID', message: 'Invalid OTP', ref_id: body.ref_id } };
      this.txns.delete(String(body.ref_id));
      const r = this.residents.get(t.uid)!;
      const [y, m, d] = r.dob.split('-');
      return {
        status: 200,
        body: {
          ref_id: String(body.ref_id), status: 'VALID', message: 'Aadhaar Card Exists', care_of: r.careOf,
          address: 'synthetic address', dob: `${d}-${m}-${y}`, email: '', gender: r.gender, name: r.name,
          split_address: { country: 'India', dist: 'Pune', house: '12', landmark: '', pincode: r.pincode, po: 'Kothrud', state: 'Maharashtra', street: 'Test Street', subdist: 'Haveli', vtc: 'Pune', locality: '' },
          year_of_birth: Number(y), mobile_hash: 'ed189eb73247cb90b769e7e8d7dfd2efa4cd6a5ec27602f5d2721c035266568c',
          photo_link: r.photoBase64, share_code: '1234', xml_file: 'https://example.invalid/xml',
        },
      };
    }
    return { status: 404, body: { message: 'Not Found' } };
  }
}
