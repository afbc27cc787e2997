/**
 * The eKYC flow as one XState v5 machine: what the screens render and what the
 * tests drive. It is pure: every side effect is an injected actor (`FlowServices`).
 * The full Aadhaar number/VID and the OTP only ever ride on an event into an
 * actor's input; the context keeps the masked form, and `done` clears the rest.
 */
import { assign, fromPromise, setup, type ActorRefFrom, type SnapshotFrom } from 'xstate';
import type { AmlOutcome, CaseSummary, ConsentPurpose, ConsentText, IdentityMethod, KycLanguage, PanOutcome, Receipt, ResumedCase } from '../../shared/ipc/kyc';
import { checkAadhaarOrVid } from '../../shared/validators/aadhaar';
import { checkPan } from '../../shared/validators/pan';
import type { DeviceOption, FlowError, FlowServices, IdentityResult, Modality, QrResult, QrSource } from './types';

export const OTP_LIMITS = { attempts: 3, resends: 2, resendDelayMs: 30_000 } as const;
export const BIOMETRIC_LIMITS = { attempts: 3, minQuality: 40 } as const;
export const ONLINE_METHODS: readonly IdentityMethod[] = ['otp', 'fingerprint', 'iris'];

/** Which consent an identity method needs (mirrors the kyc service, which enforces it). */
export const METHOD_CONSENT: Record<IdentityMethod, ConsentPurpose | null> = {
  otp: 'aadhaar-auth', fingerprint: 'aadhaar-auth', iris: 'aadhaar-auth',
  'secure-qr': 'offline-verification', 'offline-xml': 'offline-verification', 'alternate-id': null,
};

export interface FlowContext {
  online: boolean;
  language: KycLanguage;
  caseId: string | null;
  reference: string | null;
  /** The recorded consent's id: online verifications are made under it. */
  consentRef: string | null;
  consentText: ConsentText | null;
  granted: Partial<Record<ConsentPurpose, boolean>>;
  consentChannel: 'screen' | 'read-out';
  method: IdentityMethod | null;
  maskedId: string | null;
  otp: { txnId: string | null; attemptsLeft: number; resendsLeft: number; canResend: boolean; maskedMobile?: string | undefined };
  biometric: { devices: DeviceOption[]; deviceId: string | null; attemptsLeft: number; lastQuality: number | null };
  qr: { signature: QrResult['signature'] | null; source: QrSource | null };
  result: IdentityResult | null;
  faceMatch: boolean | null;
  pan: PanOutcome | null;
  aml: AmlOutcome | null;
  decision: CaseSummary | null;
  receipt: Receipt | null;
  error: FlowError | null;
}

export type FlowEvent =
  | { type: 'START' }
  /** A case interrupted by a crash, restored by `kyc:resume`: jump to its last safe step. */
  | { type: 'RESUME'; resumed: ResumedCase }
  | { type: 'NETWORK'; online: boolean }
  | { type: 'CHOOSE_LANGUAGE'; language: KycLanguage }
  | { type: 'TOGGLE_CONSENT'; purpose: ConsentPurpose; granted: boolean }
  | { type: 'SET_CONSENT_CHANNEL'; channel: 'screen' | 'read-out' }
  | { type: 'ACCEPT_CONSENT' }
  | { type: 'DECLINE_AADHAAR' }
  | { type: 'CHOOSE_METHOD'; method: IdentityMethod }
  | { type: 'BACK' }
  | { type: 'SUBMIT_ID'; id: string }
  | { type: 'RESEND_OTP' }
  | { type: 'SUBMIT_OTP'; otp: string }
  | { type: 'SELECT_DEVICE'; deviceId: string }
  | { type: 'REFRESH_DEVICES' }
  | { type: 'CAPTURE'; id: string }
  | ({ type: 'SCANNED'; source: QrSource } & ({ payload: string; scanId?: undefined } | { scanId: string; payload?: undefined }))
  | { type: 'SCAN_AGAIN' }
  | { type: 'SUBMIT_XML'; file: Uint8Array; fileName: string; shareCode: string }
  | { type: 'SUBMIT_ALTERNATE'; documentKind: string; documentLast4: string; name: string; dob?: string }
  | { type: 'FACE_MATCH'; matched: boolean }
  | { type: 'CONTINUE' }
  | { type: 'SUBMIT_PAN'; pan: string }
  | { type: 'SKIP_PAN' }
  | { type: 'SKIP_AML' }
  | { type: 'APPROVE' }
  | { type: 'REFER'; note: string }
  | { type: 'REJECT'; reason: string }
  | { type: 'FINISH' }
  | { type: 'CANCEL' };

const asError = (e: unknown): FlowError =>
  e && typeof e === 'object' && 'code' in e && 'message' in e ? (e as FlowError) : { code: 'E_INTERNAL', message: 'Something went wrong. Please try again.' };

function initialContext(online: boolean): FlowContext {
  return {
    online, language: 'en', caseId: null, reference: null, consentRef: null, consentText: null, granted: {}, consentChannel: 'screen', method: null, maskedId: null,
    otp: { txnId: null, attemptsLeft: OTP_LIMITS.attempts, resendsLeft: OTP_LIMITS.resends, canResend: false },
    biometric: { devices: [], deviceId: null, attemptsLeft: BIOMETRIC_LIMITS.attempts, lastQuality: null },
    qr: { signature: null, source: null },
    result: null, faceMatch: null, pan: null, aml: null, decision: null, receipt: null, error: null,
  };
}

/** Why the agent may not approve alone (the kyc service re-checks), or null. */
export function reviewRequiredReason(ctx: Pick<FlowContext, 'faceMatch' | 'aml' | 'method' | 'pan'>): 'face' | 'aml' | 'alternate' | 'pan' | 'crossmatch' | null {
  if (ctx.faceMatch !== true) return 'face';
  if (!ctx.aml || ctx.aml.requiresReview || ctx.aml.level === 'high') return 'aml';
  if (ctx.method === 'alternate-id') return 'alternate';
  if (ctx.pan?.status === 'mismatch') return 'pan';
  // Name, DOB or gender disagree between the identity and the PAN answer (the kyc service's cross-match).
  const cm = ctx.pan?.crossMatch;
  if (cm && (cm.band !== 'match' || cm.fields.length === 0)) return 'crossmatch';
  return null;
}

type Svc = Required<Omit<FlowServices, 'forgetCustomer'>>;
const actor = <K extends keyof Svc>(name: K) =>
  fromPromise<Awaited<ReturnType<Svc[K]>>, Parameters<Svc[K]>[0]>(async () => {
    throw new Error(`flow actor ${String(name)} not provided`);
  });

type ResumeEvent = Extract<FlowEvent, { type: 'RESUME' }>;
const resumesAt = (step: ResumedCase['resumeAt'], methods?: readonly IdentityMethod[]) => ({ event }: { event: FlowEvent }) =>
  event.type === 'RESUME' && (event as ResumeEvent).resumed.resumeAt === step && (!methods || methods.includes((event as ResumeEvent).resumed.method!));
/** Where RESUME lands: the consent text, the method choice, or the chosen method's identity step. */
const RESUME_TARGETS = [
  { guard: resumesAt('consent'), target: '#ekyc.consent', actions: 'restoreCase' },
  { guard: resumesAt('identity', ['otp']), target: '#ekyc.identify.otp', actions: 'restoreCase' },
  { guard: resumesAt('identity', ['fingerprint', 'iris']), target: '#ekyc.identify.biometric', actions: 'restoreCase' },
  { guard: resumesAt('identity', ['secure-qr']), target: '#ekyc.identify.qr', actions: 'restoreCase' },
  { guard: resumesAt('identity', ['offline-xml']), target: '#ekyc.identify.xml', actions: 'restoreCase' },
  { guard: resumesAt('identity', ['alternate-id']), target: '#ekyc.identify.alternate', actions: 'restoreCase' },
  { target: '#ekyc.method', actions: 'restoreCase' },
] as const;

export const flowSetup = setup({
  types: { context: {} as FlowContext, events: {} as FlowEvent, input: {} as { online?: boolean } },
  actors: {
    startCase: actor('startCase'), loadConsent: actor('loadConsent'), recordConsent: actor('recordConsent'), chooseMethod: actor('chooseMethod'),
    requestOtp: actor('requestOtp'), resendOtp: actor('resendOtp'), verifyOtp: actor('verifyOtp'),
    listDevices: actor('listDevices'), biometricAuth: actor('biometricAuth'), verifyQr: actor('verifyQr'), openOfflineXml: actor('openOfflineXml'),
    saveIdentity: actor('saveIdentity'), recordFaceMatch: actor('recordFaceMatch'), checkPan: actor('checkPan'), screenAml: actor('screenAml'),
    decide: actor('decide'), loadReceipt: actor('loadReceipt'), cancelCase: actor('cancelCase'),
  },
  delays: { RESEND_DELAY: OTP_LIMITS.resendDelayMs },
  guards: {
    methodAllowed: ({ context, event }) => {
      if (event.type !== 'CHOOSE_METHOD') return false;
      const needed = METHOD_CONSENT[event.method];
      return needed === null || context.granted[needed] === true;
    },
    methodNeedsNetwork: ({ context, event }) => event.type === 'CHOOSE_METHOD' && ONLINE_METHODS.includes(event.method) && !context.online,
    requiredConsentsGiven: ({ context }) =>
      (context.consentText?.items ?? []).filter((i) => i.required && i.purpose !== 'aadhaar-auth' && i.purpose !== 'offline-verification').every((i) => context.granted[i.purpose] === true),
    validId: ({ event }) => (event.type === 'SUBMIT_ID' || event.type === 'CAPTURE') && checkAadhaarOrVid(event.id).ok,
    validOtp: ({ event }) => event.type === 'SUBMIT_OTP' && /^\d{6}$/.test(event.otp),
    canResend: ({ context }) => context.otp.canResend && context.otp.resendsLeft > 0,
    wrongOtpLast: ({ context, event }) => {
      const e = asError((event as { error?: unknown }).error);
      if (e.code === 'E_OTP_LOCKED') return true;
      const left = e.details?.attemptsLeft;
      return e.code === 'E_OTP_WRONG' && (typeof left === 'number' ? left <= 0 : context.otp.attemptsLeft <= 1);
    },
    wrongOtp: ({ event }) => asError((event as { error?: unknown }).error).code === 'E_OTP_WRONG',
    deviceChosen: ({ context }) => context.biometric.deviceId !== null,
    lastBiometricAttempt: ({ context }) => context.biometric.attemptsLeft <= 1,
    qrValid: ({ event }) => (event as { output?: QrResult }).output?.signature === 'valid' && (event as { output?: QrResult }).output?.result !== null,
    faceMatched: ({ context }) => context.faceMatch === true,
    faceRejected: ({ context }) => context.faceMatch === false,
    validPan: ({ event }) => event.type === 'SUBMIT_PAN' && checkPan(event.pan).ok,
    panConsented: ({ context }) => context.granted['pan-check'] === true,
    canApprove: ({ context }) => reviewRequiredReason(context) === null,
  },
  actions: {
    /** The restored case: ids, language, consent and method (never identity: that step is redone). */
    restoreCase: assign(({ context, event }) => {
      if (event.type !== 'RESUME') return {};
      const r = event.resumed;
      return {
        ...initialContext(context.online),
        caseId: r.caseId, reference: r.reference, language: r.language, consentRef: r.consentRef, method: r.method,
        granted: Object.fromEntries(r.granted.map((g) => [g.purpose, g.granted])) as FlowContext['granted'],
      };
    }),
    setError: assign({ error: ({ event }) => asError((event as { error?: unknown }).error) }),
    clearError: assign({ error: null }),
    setNetwork: assign({ online: ({ event }) => (event.type === 'NETWORK' ? event.online : true) }),
    /** Forget everything about the customer; keep only whether the kiosk is online. */
    clearCustomer: assign(({ context }) => initialContext(context.online)),
    /** Tells the services to drop what they hold for the customer (bound in `createFlowMachine`). */
    forgetCustomer: () => undefined,
  },
}).createMachine({
  id: 'ekyc',
  context: ({ input }) => initialContext(input?.online ?? true),
  initial: 'idle',
  on: { NETWORK: { actions: 'setNetwork' } },
  states: {
    idle: { entry: ['clearCustomer', 'forgetCustomer'], on: { START: 'language', RESUME: RESUME_TARGETS } },
    language: {
      on: {
        CHOOSE_LANGUAGE: { target: 'starting', actions: assign({ language: ({ event }) => event.language }) },
        CANCEL: 'idle',
      },
    },
    starting: {
      invoke: {
        src: 'startCase',
        input: ({ context }) => ({ language: context.language }),
        onDone: { target: 'consent', actions: assign({ caseId: ({ event }) => event.output.caseId, reference: ({ event }) => event.output.reference, error: null }) },
        onError: { target: 'language', actions: 'setError' },
      },
    },
    consent: {
      initial: 'loading',
      on: { CANCEL: '#ekyc.cancelling' },
      states: {
        loading: {
          invoke: {
            src: 'loadConsent',
            input: ({ context }) => ({ language: context.language }),
            onDone: { target: 'reading', actions: assign({ consentText: ({ event }) => event.output, granted: {} }) },
            onError: { target: 'failed', actions: 'setError' },
          },
        },
        failed: { on: { CONTINUE: 'loading' } },
        reading: {
          on: {
            TOGGLE_CONSENT: { actions: assign({ granted: ({ context, event }) => ({ ...context.granted, [event.purpose]: event.granted }) }) },
            SET_CONSENT_CHANNEL: { actions: assign({ consentChannel: ({ event }) => event.channel }) },
            ACCEPT_CONSENT: { guard: 'requiredConsentsGiven', target: 'recording', actions: 'clearError' },
            // Refusing Aadhaar never blocks onboarding: the alternate-ID path.
            DECLINE_AADHAAR: {
              target: 'recording',
              actions: assign({ granted: ({ context }) => ({ ...context.granted, 'aadhaar-auth': false, 'offline-verification': false }), method: 'alternate-id' }),
            },
          },
        },
        recording: {
          invoke: {
            src: 'recordConsent',
            input: ({ context }) => ({ caseId: context.caseId!, text: context.consentText!, granted: context.granted, channel: context.consentChannel }),
            onDone: [
              { guard: ({ context }) => context.method === 'alternate-id', target: '#ekyc.registeringMethod', actions: assign({ consentRef: ({ event }) => event.output.consentId }) },
              { target: '#ekyc.method', actions: assign({ consentRef: ({ event }) => event.output.consentId }) },
            ],
            onError: { target: 'reading', actions: 'setError' },
          },
        },
      },
    },
    method: {
      on: {
        CHOOSE_METHOD: [
          { guard: 'methodNeedsNetwork', actions: assign({ error: { code: 'E_NEEDS_NETWORK', message: 'needs-network' } }) },
          { guard: 'methodAllowed', target: 'registeringMethod', actions: [assign({ method: ({ event }) => event.method }), 'clearError'] },
          { actions: assign({ error: { code: 'E_KYC_NO_CONSENT', message: 'no-consent' } }) },
        ],
        CANCEL: 'cancelling',
      },
    },
    registeringMethod: {
      invoke: {
        src: 'chooseMethod',
        input: ({ context }) => ({ caseId: context.caseId!, method: context.method! }),
        onDone: [
          { guard: ({ context }) => context.method === 'otp', target: 'identify.otp' },
          { guard: ({ context }) => context.method === 'fingerprint' || context.method === 'iris', target: 'identify.biometric' },
          { guard: ({ context }) => context.method === 'secure-qr', target: 'identify.qr' },
          { guard: ({ context }) => context.method === 'offline-xml', target: 'identify.xml' },
          { target: 'identify.alternate' },
        ],
        onError: { target: 'method', actions: 'setError' },
      },
    },
    identify: {
      initial: 'alternate',
      on: { CANCEL: 'cancelling' },
      states: {
        otp: {
          initial: 'enterId',
          on: { BACK: { target: '#ekyc.method', actions: 'clearError' } },
          states: {
            enterId: {
              on: {
                SUBMIT_ID: [
                  { guard: 'validId', target: 'requesting', actions: [assign({ maskedId: ({ event }) => checkAadhaarOrVid(event.id).ok ? (checkAadhaarOrVid(event.id) as { masked: string }).masked : null }), 'clearError'] },
                  { actions: assign({ error: ({ event }) => ({ code: 'E_AADHAAR_INVALID', message: (checkAadhaarOrVid(event.id) as { reason?: string }).reason ?? 'format' }) }) },
                ],
              },
            },
            requesting: {
              invoke: {
                src: 'requestOtp',
                // The number travels only inside this actor's input, never into context.
                input: ({ context, event }) => ({ caseId: context.caseId!, consentRef: context.consentRef!, idDigits: (event as { id: string }).id.replace(/[\s-]/g, '') }),
                onDone: { target: 'awaitingOtp', actions: assign({ otp: ({ context, event }) => ({ ...context.otp, txnId: event.output.txnId, maskedMobile: event.output.maskedMobile, canResend: false }) }) },
                onError: { target: 'enterId', actions: 'setError' },
              },
            },
            awaitingOtp: {
              after: { RESEND_DELAY: { actions: assign({ otp: ({ context }) => ({ ...context.otp, canResend: true }) }) } },
              on: {
                SUBMIT_OTP: [
                  { guard: 'validOtp', target: 'verifying', actions: 'clearError' },
                  { actions: assign({ error: { code: 'E_OTP_FORMAT', message: 'format' } }) },
                ],
                RESEND_OTP: { guard: 'canResend', target: 'resending', actions: 'clearError' },
              },
            },
            resending: {
              invoke: {
                src: 'resendOtp',
                input: ({ context }) => ({ caseId: context.caseId!, consentRef: context.consentRef!, txnId: context.otp.txnId! }),
                onDone: { target: 'awaitingOtp', actions: assign({ otp: ({ context, event }) => ({ ...context.otp, txnId: event.output.txnId, resendsLeft: context.otp.resendsLeft - 1, canResend: false, attemptsLeft: OTP_LIMITS.attempts }) }) },
                onError: { target: 'awaitingOtp', actions: 'setError' },
              },
            },
            verifying: {
              invoke: {
                src: 'verifyOtp',
                input: ({ context, event }) => ({ caseId: context.caseId!, txnId: context.otp.txnId!, otp: (event as { otp: string }).otp }),
                onDone: { target: '#ekyc.review', actions: assign({ result: ({ event }) => event.output }) },
                onError: [
                  { guard: 'wrongOtpLast', target: 'exhausted', actions: ['setError', assign({ otp: ({ context }) => ({ ...context.otp, attemptsLeft: 0 }) })] },
                  {
                    guard: 'wrongOtp', target: 'awaitingOtp',
                    // The OTP service counts attempts; its count wins over ours when it gives one.
                    actions: ['setError', assign({ otp: ({ context, event }) => ({ ...context.otp, attemptsLeft: (asError(event.error).details?.attemptsLeft as number | undefined) ?? context.otp.attemptsLeft - 1 }) })],
                  },
                  { target: 'awaitingOtp', actions: 'setError' },
                ],
              },
            },
            /** Three wrong OTPs: this method is closed for this customer; offer another. */
            exhausted: { entry: 'forgetCustomer' },
          },
        },
        biometric: {
          initial: 'loadingDevices',
          on: { BACK: { target: '#ekyc.method', actions: 'clearError' } },
          states: {
            loadingDevices: {
              invoke: {
                src: 'listDevices',
                input: ({ context }) => ({ modality: context.method as Modality }),
                onDone: {
                  target: 'ready',
                  actions: assign({
                    biometric: ({ context, event }) => ({
                      ...context.biometric,
                      devices: event.output,
                      deviceId: event.output.find((d) => d.id === context.biometric.deviceId && d.ready)?.id ?? event.output.find((d) => d.ready)?.id ?? null,
                    }),
                  }),
                },
                onError: { target: 'ready', actions: 'setError' },
              },
            },
            ready: {
              on: {
                SELECT_DEVICE: { actions: assign({ biometric: ({ context, event }) => ({ ...context.biometric, deviceId: event.deviceId }) }) },
                REFRESH_DEVICES: 'loadingDevices',
                CAPTURE: [
                  { guard: ({ context, event }) => context.biometric.deviceId !== null && checkAadhaarOrVid(event.id).ok, target: 'capturing', actions: [assign({ maskedId: ({ event }) => (checkAadhaarOrVid(event.id) as { masked: string }).masked }), 'clearError'] },
                  { guard: 'deviceChosen', actions: assign({ error: ({ event }) => ({ code: 'E_AADHAAR_INVALID', message: (checkAadhaarOrVid(event.id) as { reason?: string }).reason ?? 'format' }) }) },
                  { actions: assign({ error: { code: 'E_RD_NO_DEVICE', message: 'no-device' } }) },
                ],
              },
            },
            capturing: {
              invoke: {
                src: 'biometricAuth',
                input: ({ context, event }) => ({ caseId: context.caseId!, consentRef: context.consentRef!, deviceId: context.biometric.deviceId!, modality: context.method as Modality, idDigits: (event as { id: string }).id.replace(/[\s-]/g, '') }),
                onDone: { target: '#ekyc.review', actions: assign({ result: ({ event }) => ({ identity: event.output.identity, evidence: event.output.evidence }), biometric: ({ context, event }) => ({ ...context.biometric, lastQuality: event.output.quality }) }) },
                onError: [
                  { guard: 'lastBiometricAttempt', target: 'exhausted', actions: ['setError', assign({ biometric: ({ context }) => ({ ...context.biometric, attemptsLeft: 0 }) })] },
                  {
                    target: 'ready',
                    actions: ['setError', assign({ biometric: ({ context, event }) => ({ ...context.biometric, attemptsLeft: context.biometric.attemptsLeft - 1, lastQuality: (asError(event.error).details?.quality as number | undefined) ?? null }) })],
                  },
                ],
              },
            },
            exhausted: {},
          },
        },
        qr: {
          initial: 'waiting',
          on: { BACK: { target: '#ekyc.method', actions: 'clearError' } },
          states: {
            waiting: { on: { SCANNED: { target: 'verifying', actions: [assign({ qr: ({ event }) => ({ signature: null, source: event.source }) }), 'clearError'] } } },
            verifying: {
              invoke: {
                src: 'verifyQr',
                input: ({ event }) => {
                  const e = event as Extract<FlowEvent, { type: 'SCANNED' }>;
                  return e.scanId !== undefined ? { scanId: e.scanId, source: e.source } : { text: e.payload, source: e.source };
                },
                onDone: [
                  { guard: 'qrValid', target: 'verified', actions: assign({ qr: ({ context, event }) => ({ ...context.qr, signature: event.output.signature }), result: ({ event }) => event.output.result, maskedId: ({ event }) => event.output.result?.identity.maskedId ?? null }) },
                  { target: 'rejected', actions: assign({ qr: ({ context, event }) => ({ ...context.qr, signature: event.output.signature }) }) },
                ],
                onError: { target: 'rejected', actions: ['setError', assign({ qr: ({ context }) => ({ ...context.qr, signature: 'unreadable' as const }) })] },
              },
            },
            /** The signature result stays on screen until the agent continues. */
            verified: { on: { CONTINUE: '#ekyc.review' } },
            rejected: { on: { SCAN_AGAIN: { target: 'waiting', actions: 'clearError' }, SCANNED: { target: 'verifying', actions: [assign({ qr: ({ event }) => ({ signature: null, source: event.source }) }), 'clearError'] } } },
          },
        },
        xml: {
          initial: 'waiting',
          on: { BACK: { target: '#ekyc.method', actions: 'clearError' } },
          states: {
            waiting: {
              on: {
                SUBMIT_XML: [
                  { guard: ({ event }) => /^\d{4}$/.test(event.shareCode) && event.file.byteLength > 0, target: 'verifying', actions: 'clearError' },
                  { actions: assign({ error: { code: 'E_XML_SHARE_CODE', message: 'share-code' } }) },
                ],
              },
            },
            verifying: {
              invoke: {
                src: 'openOfflineXml',
                // File and share code live only in this input; neither is kept.
                input: ({ event }) => {
                  const e = event as Extract<FlowEvent, { type: 'SUBMIT_XML' }>;
                  return { file: e.file, fileName: e.fileName, shareCode: e.shareCode };
                },
                onDone: { target: '#ekyc.review', actions: assign({ result: ({ event }) => event.output, maskedId: ({ event }) => event.output.identity.maskedId }) },
                onError: { target: 'waiting', actions: 'setError' },
              },
            },
          },
        },
        alternate: {
          on: {
            SUBMIT_ALTERNATE: {
              guard: ({ event }) => event.name.trim().length > 0 && /^[0-9A-Za-z]{4}$/.test(event.documentLast4) && event.documentKind.length > 0,
              target: '#ekyc.review',
              actions: assign({
                method: 'alternate-id',
                result: ({ event }) => ({
                  identity: { name: event.name.trim(), dob: event.dob, maskedId: `${event.documentKind} ••••${event.documentLast4.toUpperCase()}`, last4: event.documentLast4.toUpperCase() },
                  evidence: { method: 'alternate-id', summary: `${event.documentKind} seen and checked by the agent`, verified: false, verifiedAt: new Date().toISOString() },
                }),
                maskedId: ({ event }) => `${event.documentKind} ••••${event.documentLast4.toUpperCase()}`,
              }),
            },
          },
        },
      },
    },
    review: {
      initial: 'saving',
      on: { CANCEL: 'cancelling' },
      states: {
        saving: {
          invoke: {
            src: 'saveIdentity',
            input: ({ context }) => ({ caseId: context.caseId!, ...context.result! }),
            onDone: 'checking',
            onError: { target: 'failed', actions: 'setError' },
          },
        },
        failed: { on: { CONTINUE: 'saving' } },
        checking: {
          on: {
            FACE_MATCH: { actions: assign({ faceMatch: ({ event }) => event.matched }) },
            CONTINUE: [
              { guard: 'faceMatched', target: 'recording' },
              { guard: 'faceRejected', target: 'recording' },
            ],
          },
        },
        recording: {
          invoke: {
            src: 'recordFaceMatch',
            input: ({ context }) => ({ caseId: context.caseId!, matched: context.faceMatch === true }),
            // A face that does not match goes straight to the decision (reject or refer).
            onDone: [{ guard: 'faceMatched', target: '#ekyc.pan' }, { target: '#ekyc.decision' }],
            onError: { target: 'checking', actions: 'setError' },
          },
        },
      },
    },
    pan: {
      initial: 'entry',
      on: { CANCEL: 'cancelling' },
      states: {
        entry: {
          on: {
            SUBMIT_PAN: [
              { guard: ({ context, event }) => checkPan(event.pan).ok && context.granted['pan-check'] === true, target: 'checking', actions: 'clearError' },
              { guard: 'validPan', actions: assign({ error: { code: 'E_KYC_NO_CONSENT', message: 'no-consent' } }) },
              { actions: assign({ error: { code: 'E_PAN_FORMAT', message: 'format' } }) },
            ],
            SKIP_PAN: { target: 'checking', actions: 'clearError' },
          },
        },
        checking: {
          invoke: {
            src: 'checkPan',
            input: ({ context, event }) => ({
              caseId: context.caseId!, consentRef: context.consentRef ?? '',
              pan: event.type === 'SUBMIT_PAN' ? checkPan(event.pan).ok ? (checkPan(event.pan) as { pan: string }).pan : null : null,
              name: context.result?.identity.name ?? '', dob: context.result?.identity.dob, online: context.online,
            }),
            onDone: { target: 'done', actions: assign({ pan: ({ event }) => event.output }) },
            onError: { target: 'entry', actions: 'setError' },
          },
        },
        done: { on: { CONTINUE: '#ekyc.aml' } },
      },
    },
    aml: {
      initial: 'screening',
      on: { CANCEL: 'cancelling' },
      states: {
        screening: {
          invoke: {
            src: 'screenAml',
            input: ({ context }) => ({ caseId: context.caseId!, name: context.result?.identity.name ?? '', dob: context.result?.identity.dob, method: context.method }),
            onDone: { target: 'result', actions: assign({ aml: ({ event }) => event.output, error: null }) },
            onError: { target: 'failed', actions: 'setError' },
          },
        },
        // Screening that cannot run leaves the AML result empty: the case can then only be referred or rejected.
        failed: { on: { CONTINUE: 'screening', SKIP_AML: '#ekyc.decision' } },
        result: { on: { CONTINUE: '#ekyc.decision' } },
      },
    },
    decision: {
      initial: 'choosing',
      on: { CANCEL: 'cancelling' },
      states: {
        choosing: {
          on: {
            APPROVE: { guard: 'canApprove', target: 'submitting' },
            REFER: { guard: ({ event }) => event.note.trim().length > 0, target: 'submitting' },
            REJECT: [
              { guard: ({ event }) => event.reason.trim().length > 0, target: 'submitting' },
              { actions: assign({ error: { code: 'E_KYC_REASON_REQUIRED', message: 'reason' } }) },
            ],
          },
        },
        submitting: {
          invoke: {
            src: 'decide',
            input: ({ context, event }) => ({
              caseId: context.caseId!,
              decision:
                event.type === 'REFER' ? { decision: 'refer' as const, note: event.note.trim() }
                  : event.type === 'REJECT' ? { decision: 'reject' as const, reason: event.reason.trim() }
                    : { decision: 'approve' as const },
            }),
            onDone: { target: '#ekyc.receipt', actions: assign({ decision: ({ event }) => event.output, error: null }) },
            onError: { target: 'choosing', actions: 'setError' },
          },
        },
      },
    },
    receipt: {
      initial: 'loading',
      states: {
        loading: {
          invoke: {
            src: 'loadReceipt',
            input: ({ context }) => ({ caseId: context.caseId! }),
            onDone: { target: 'ready', actions: assign({ receipt: ({ event }) => event.output }) },
            onError: { target: 'failed', actions: 'setError' },
          },
        },
        failed: { on: { CONTINUE: 'loading', FINISH: '#ekyc.done' } },
        ready: { on: { FINISH: '#ekyc.done' } },
      },
    },
    cancelling: {
      invoke: {
        src: 'cancelCase',
        input: ({ context }) => ({ caseId: context.caseId ?? '' }),
        onDone: 'done',
        // A case that cannot be cancelled (already decided) still ends here: the customer's data goes.
        onError: 'done',
      },
    },
    /** The customer's data is cleared from memory on entry. */
    done: { entry: ['clearCustomer', 'forgetCustomer'], on: { START: 'language', RESUME: RESUME_TARGETS } },
  },
});

export const flowMachine = flowSetup;

/** The machine bound to concrete services (the renderer's kiosk bindings, or test fakes). */
export function createFlowMachine(services: FlowServices) {
  const bind = <K extends keyof FlowServices>(k: K) => fromPromise(({ input }: { input: unknown }) => (services[k] as (i: unknown) => Promise<unknown>)(input));
  return flowSetup.provide({
    actors: {
      startCase: bind('startCase'), loadConsent: bind('loadConsent'), recordConsent: bind('recordConsent'), chooseMethod: bind('chooseMethod'),
      requestOtp: bind('requestOtp'), resendOtp: bind('resendOtp'), verifyOtp: bind('verifyOtp'), listDevices: bind('listDevices'),
      biometricAuth: bind('biometricAuth'), verifyQr: bind('verifyQr'), openOfflineXml: bind('openOfflineXml'), saveIdentity: bind('saveIdentity'),
      recordFaceMatch: bind('recordFaceMatch'), checkPan: bind('checkPan'), screenAml: bind('screenAml'), decide: bind('decide'),
      loadReceipt: bind('loadReceipt'), cancelCase: bind('cancelCase'),
    } as never,
    actions: { forgetCustomer: () => services.forgetCustomer?.() },
  });
}

export type FlowMachine = ReturnType<typeof createFlowMachine>;
export type FlowActor = ActorRefFrom<FlowMachine>;
export type FlowSnapshot = SnapshotFrom<FlowMachine>;
