/**
 * The flow's services bound to `window.kiosk`. The kyc channels are ours; the
 * identity capabilities (OTP, RD, QR, offline XML, PAN, AML) are other domains'
 * channels, reached by name so a kiosk build without one still runs and says
 * plainly that the capability is missing instead of failing to load.
 */
import { checkPan as checkPanFormat, maskPan } from '../../shared/validators/pan';
import type { KioskApi } from '../../shared/ipc';
import type { Result } from '../../shared/result';
import type { FlowError, FlowServices, IdentityResult } from './types';

type AnyCall = (input?: unknown) => Promise<Result<unknown>>;

async function unwrap<T>(p: Promise<Result<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw r.error satisfies FlowError;
  return r.value;
}

export function createKioskServices(kiosk: KioskApi): FlowServices {
  const dynamic = async <T>(channel: string, input: unknown): Promise<T> => {
    const fn = (kiosk as unknown as Record<string, AnyCall | undefined>)[channel];
    if (typeof fn !== 'function') throw { code: 'E_NOT_AVAILABLE', message: `not-installed:${channel}` } satisfies FlowError;
    return unwrap(fn(input)) as Promise<T>;
  };

  return {
    startCase: (i) => unwrap(kiosk['kyc:start'](i)),
    loadConsent: (i) => unwrap(kiosk['kyc:consent-text'](i)),
    recordConsent: ({ caseId, text, granted, channel }) =>
      unwrap(kiosk['kyc:consent']({ caseId, language: text.language, version: text.version, channel, items: text.items.map((i) => ({ purpose: i.purpose, hash: i.hash, granted: granted[i.purpose] === true })) })),
    chooseMethod: async (i) => void (await unwrap(kiosk['kyc:method'](i))),
    requestOtp: (i) => dynamic('otp:request', { id: i.idDigits }),
    resendOtp: (i) => dynamic('otp:resend', i),
    verifyOtp: (i) => dynamic<IdentityResult>('otp:verify', i),
    listDevices: (i) => dynamic('rd:devices', i),
    biometricAuth: (i) => dynamic('bio:authenticate', i),
    verifyQr: (i) => dynamic('qr:verify', i),
    openOfflineXml: (i) => dynamic('ekyc-xml:open', i),
    saveIdentity: async ({ caseId, identity, evidence }) => {
      // The photo is for the agent's eyes only: it is not sent to the case record.
      const { photo: _photo, ...masked } = identity;
      await unwrap(kiosk['kyc:identity']({ caseId, identity: masked, evidence }));
    },
    recordFaceMatch: async ({ caseId, matched }) => void (await unwrap(kiosk['kyc:review']({ caseId, faceMatch: matched }))),
    checkPan: async ({ caseId, pan, name, online }) => {
      let outcome: Awaited<ReturnType<FlowServices['checkPan']>>;
      if (!pan) outcome = { status: 'not-provided' };
      else if (!checkPanFormat(pan).ok) throw { code: 'E_PAN_FORMAT', message: 'format' } satisfies FlowError;
      else if (!online) outcome = { status: 'queued', masked: maskPan(pan) };
      else {
        try {
          const r = await dynamic<{ nameMatch?: number; valid?: boolean; status?: string }>('pan:verify', { pan, name });
          const matched = r.valid !== false && (r.nameMatch === undefined || r.nameMatch >= 0.8);
          outcome = { status: matched ? 'verified' : 'mismatch', masked: maskPan(pan), ...(r.nameMatch !== undefined ? { nameMatch: r.nameMatch } : {}) };
        } catch (e) {
          // No network or no PAN service: the check is queued, never blocking the customer.
          const code = (e as FlowError).code;
          if (code === 'E_NEEDS_NETWORK' || code === 'E_NOT_AVAILABLE' || code === 'E_TIMEOUT') outcome = { status: 'queued', masked: maskPan(pan) };
          else throw e;
        }
      }
      await unwrap(kiosk['kyc:pan']({ caseId, pan: outcome }));
      return outcome;
    },
    screenAml: async ({ caseId, name, dob }) => {
      const aml = await dynamic<Awaited<ReturnType<FlowServices['screenAml']>>>('aml:screen', { name, ...(dob ? { dob } : {}) });
      await unwrap(kiosk['kyc:aml']({ caseId, aml }));
      return aml;
    },
    decide: (i) => unwrap(kiosk['kyc:decide'](i)),
    loadReceipt: (i) => unwrap(kiosk['kyc:receipt'](i)),
    cancelCase: async (i) => void (await unwrap(kiosk['kyc:cancel'](i))),
  };
}
