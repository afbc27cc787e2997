/**
 * The flow's services bound to `window.kiosk`. Every call goes through `call`,
 * typed by the contract's `ChannelInput`/`ChannelOutput`, so a contract change is
 * a compile error here rather than a runtime surprise. Answers are mapped to the
 * flow's shapes in `mapping.ts`.
 */
import type { ChannelInput, ChannelName, ChannelOutput, KioskApi } from '../../shared/ipc';
import type { QrVerification } from '../../shared/ipc/qr';
import type { Result } from '../../shared/result';
import { checkPan as checkPanFormat, maskPan } from '../../shared/validators/pan';
import { amlOutcome, identityFromEkyc, identityFromEkycXml, identityFromSecureQr, isoDate, panOutcome } from './mapping';
import type { DeviceOption, FlowError, FlowServices, Modality, QrResult } from './types';

async function unwrap<T>(p: Promise<Result<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw r.error satisfies FlowError;
  return r.value;
}

const fail = (code: string, message: string, details?: Record<string, unknown>): FlowError => ({ code, message, ...(details ? { details } : {}) });

/** Signature failures are an answer the agent must see ("not issued by UIDAI"), not an error to retry. */
const SIGNATURE_CODES = new Set(['E_QR_SIGNATURE', 'E_EKYC_SIGNATURE']);
/** Capture time the RD service is given before it answers with its own timeout code. */
const CAPTURE_TIMEOUT_MS = 20_000;

const rdModality = (m: Modality) => (m === 'fingerprint' ? 'finger' : 'iris') as 'finger' | 'iris';

function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function qrResult(v: QrVerification): QrResult {
  if (v.format === 'secure-qr') return { signature: 'valid', result: identityFromSecureQr(v) };
  // Old XML QRs carry no verifiable signature: shown in plain words, never accepted as proof.
  return { signature: 'legacy-unsigned', result: null };
}

export function createKioskServices(kiosk: KioskApi): FlowServices {
  const call = <C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> =>
    unwrap((kiosk[channel] as unknown as (i: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>)(input));

  // The number an OTP was sent for, kept only so "resend" needs no re-entry; dropped when the OTP step ends.
  let otpNumber: { txnId: string; idNumber: string } | null = null;

  const requestOtp: FlowServices['requestOtp'] = async ({ caseId, consentRef, idDigits }) => {
    otpNumber = null;
    const r = await call('otp:request', { caseId, consentRef, idNumber: idDigits });
    otpNumber = { txnId: r.txnId, idNumber: idDigits };
    return { txnId: r.txnId, maskedMobile: r.maskedMobile };
  };

  return {
    startCase: (i) => call('kyc:start', i),
    loadConsent: (i) => call('kyc:consent-text', i),
    recordConsent: ({ caseId, text, granted, channel }) =>
      call('kyc:consent', { caseId, language: text.language, version: text.version, channel, items: text.items.map((i) => ({ purpose: i.purpose, hash: i.hash, granted: granted[i.purpose] === true })) }),
    chooseMethod: async (i) => void (await call('kyc:method', i)),
    requestOtp,
    resendOtp: async ({ caseId, consentRef, txnId }) => {
      if (!otpNumber || otpNumber.txnId !== txnId) throw fail('E_OTP_RESEND', 'Enter the Aadhaar number again to send a new OTP.');
      return requestOtp({ caseId, consentRef, idDigits: otpNumber.idNumber });
    },
    verifyOtp: async ({ caseId, txnId, otp }) => {
      const r = await call('otp:verify', { caseId, txnId, otp });
      switch (r.status) {
        case 'verified':
          otpNumber = null;
          return identityFromEkyc(r.ekyc, 'otp');
        case 'otp_invalid':
          if (r.attemptsLeft === 0) otpNumber = null;
          throw fail('E_OTP_WRONG', 'The OTP is not correct.', { attemptsLeft: r.attemptsLeft });
        case 'otp_expired':
          throw fail('E_OTP_EXPIRED', 'The OTP has expired. Send a new one.');
        case 'locked':
          otpNumber = null;
          throw fail('E_OTP_LOCKED', r.reason);
      }
    },
    listDevices: async ({ modality }) => {
      const { devices } = await call('rd:discover', undefined);
      return devices
        .filter((d) => d.modality === rdModality(modality))
        .map((d): DeviceOption => ({
          id: String(d.port),
          label: `${d.device?.mi ?? d.info} · ${d.port}`,
          modality,
          ready: d.status === 'READY' && d.certificate?.expired !== true,
          ...(d.status !== 'READY' || d.warnings.length > 0 ? { detail: [d.status, ...d.warnings].join('; ') } : {}),
        }));
    },
    biometricAuth: async ({ caseId, consentRef, deviceId, modality, idDigits }) => {
      const m = rdModality(modality);
      const { wadh, env } = await call('bio:prepare', { modality: m });
      const capture = await call('rd:capture', { port: Number(deviceId), modality: m, wadh, env, timeoutMs: CAPTURE_TIMEOUT_MS });
      const quality = capture.qScore.length > 0 ? Math.min(...capture.qScore) : 0;
      if (!capture.success || !capture.captureRef) {
        throw fail('E_RD_CAPTURE', capture.message.en, { errCode: capture.errCode, messageHi: capture.message.hi, quality });
      }
      const r = await call('bio:authenticate', { caseId, consentRef, idNumber: idDigits, modality: m, captureRef: capture.captureRef, wadh });
      if (r.status !== 'verified') throw fail(r.status === 'no_match' ? 'E_BIO_NO_MATCH' : 'E_BIO_REJECTED', r.reason, { uidaiCode: r.code, quality });
      return { ...identityFromEkyc(r.ekyc, modality), quality };
    },
    verifyQr: async (i) => {
      const input: ChannelInput<'qr:verify'> = 'scanId' in i ? { scanId: i.scanId } : { text: i.text, source: i.source };
      try {
        return qrResult(await call('qr:verify', input));
      } catch (e) {
        if (SIGNATURE_CODES.has((e as FlowError).code)) return { signature: 'invalid', result: null };
        throw e;
      }
    },
    openOfflineXml: async ({ file, shareCode }) => identityFromEkycXml(await call('ekyc-xml:open', { zipBase64: bytesToBase64(file), shareCode })),
    forgetCustomer: () => {
      otpNumber = null;
    },
    saveIdentity: async ({ caseId, identity, evidence }) => {
      // The photo is for the agent's eyes only: it is not sent to the case record.
      const { photo: _photo, ...masked } = identity;
      await call('kyc:identity', { caseId, identity: masked, evidence });
    },
    recordFaceMatch: async ({ caseId, matched }) => void (await call('kyc:review', { caseId, faceMatch: matched })),
    checkPan: async ({ caseId, consentRef, pan, name, dob, online }) => {
      let outcome: Awaited<ReturnType<FlowServices['checkPan']>>;
      const isoDob = isoDate(dob);
      if (!pan) outcome = { status: 'not-provided' };
      else if (!checkPanFormat(pan).ok) throw fail('E_PAN_FORMAT', 'format');
      // Offline, or no full date of birth to check against: the check is queued for the back office.
      else if (!online || !isoDob) outcome = { status: 'queued', masked: maskPan(pan) };
      else {
        try {
          outcome = panOutcome(await call('pan:verify', { caseId, consentRef, pan, name, dob: isoDob }));
        } catch (e) {
          // No network or no PAN service: the check is queued, never blocking the customer.
          const code = (e as FlowError).code;
          if (code === 'E_NEEDS_NETWORK' || code === 'E_NOT_AVAILABLE' || code === 'E_TIMEOUT') outcome = { status: 'queued', masked: maskPan(pan) };
          else throw e;
        }
      }
      // The kyc service answers with its cross-match of the identity and the PAN answer it received.
      const { crossMatch } = await call('kyc:pan', { caseId, pan: outcome });
      return { ...outcome, crossMatch };
    },
    screenAml: async ({ caseId, name, dob, method }) => {
      const isoDob = isoDate(dob);
      const assurance = method === 'otp' ? 'otp-ekyc' : method === 'fingerprint' || method === 'iris' ? 'biometric-ekyc' : method === 'alternate-id' ? 'low-confidence' : 'offline-ovd';
      const assessment = await call('aml:screen', {
        name, subjectRef: caseId, ...(isoDob ? { dob: isoDob } : {}),
        factors: { identityAssurance: assurance, channel: 'assisted-in-person' },
      });
      const aml = amlOutcome(assessment);
      await call('kyc:aml', { caseId, aml });
      return aml;
    },
    decide: (i) => call('kyc:decide', i),
    loadReceipt: (i) => call('kyc:receipt', i),
    cancelCase: async (i) => void (await call('kyc:cancel', i)),
  };
}
