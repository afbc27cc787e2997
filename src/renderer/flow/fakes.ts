/**
 * In-memory FlowServices for machine tests: they keep what each call received
 * so tests can check what crossed the boundary. Not used by the product.
 */
import type { AmlOutcome, ConsentText } from '../../shared/ipc/kyc';
import type { FlowServices, IdentityResult } from './types';

const HASH = 'a'.repeat(64);
export const FAKE_CONSENT: ConsentText = {
  language: 'en', version: 'test-1', withdrawalContact: 'branch',
  items: [
    ...(['aadhaar-auth', 'offline-verification', 'pan-check', 'aml-screening', 'photo'] as const).map((purpose) => ({ purpose, title: purpose, text: purpose, required: true, hash: HASH })),
    { purpose: 'marketing', title: 'm', text: 'm', required: false, hash: HASH },
  ],
};

export const fakeIdentity = (method: IdentityResult['evidence']['method'], last4 = '4321'): IdentityResult => ({
  identity: { name: 'Test Resident', dob: '1990-01-01', maskedId: `XXXX XXXX ${last4}`, last4 },
  evidence: { method, summary: 'verified', verified: true, verifiedAt: '2025-01-01T00:00:00.000Z' },
});

export function fakeServices(overrides: Partial<FlowServices> = {}, aml: AmlOutcome = { level: 'clear', reasons: [], matches: [], requiresReview: false }) {
  const calls: Array<{ name: string; input: unknown }> = [];
  const record = <T>(name: string, input: unknown, value: T) => {
    calls.push({ name, input });
    return Promise.resolve(value);
  };
  const base: FlowServices = {
    startCase: (i) => record('startCase', i, { caseId: 'case-1', reference: 'VDX-1' }),
    loadConsent: (i) => record('loadConsent', i, { ...FAKE_CONSENT, language: i.language }),
    recordConsent: (i) => record('recordConsent', i, { consentId: 'consent-1' }),
    chooseMethod: (i) => record('chooseMethod', i, undefined),
    requestOtp: (i) => record('requestOtp', i, { txnId: 'txn-1' }),
    resendOtp: (i) => record('resendOtp', i, { txnId: 'txn-2' }),
    verifyOtp: (i) => record('verifyOtp', i, fakeIdentity('otp')),
    listDevices: (i) => record('listDevices', i, [{ id: 'dev-1', label: 'Sim', modality: i.modality, ready: true }]),
    biometricAuth: (i) => record('biometricAuth', i, { ...fakeIdentity(i.modality), quality: 80 }),
    verifyQr: (i) => record('verifyQr', i, { signature: 'valid' as const, result: fakeIdentity('secure-qr') }),
    openOfflineXml: (i) => record('openOfflineXml', i, fakeIdentity('offline-xml')),
    saveIdentity: (i) => record('saveIdentity', i, undefined),
    recordFaceMatch: (i) => record('recordFaceMatch', i, undefined),
    checkPan: (i) => record('checkPan', i, i.pan ? (i.online ? { status: 'verified' as const, masked: 'XXXXX1234F' } : { status: 'queued' as const, masked: 'XXXXX1234F' }) : { status: 'not-provided' as const }),
    screenAml: (i) => record('screenAml', i, aml),
    decide: (i) => record('decide', i, {
      caseId: 'case-1', reference: 'VDX-1', status: i.decision.decision === 'approve' ? 'approved' as const : i.decision.decision === 'refer' ? 'referred' as const : 'rejected' as const,
      method: null, makerId: 'a', makerName: 'A', customerName: null, maskedId: null, aml: null, pan: null, referralNote: null, decisionReason: null, decidedBy: null, createdAt: '', updatedAt: '',
    }),
    loadReceipt: (i) => record('loadReceipt', i, {
      reference: 'VDX-1', status: 'approved' as const, issuedAt: '', branchId: 'B', agent: 'A', cddMode: 'x', maskedId: 'XXXX XXXX 4321', maskedPan: null, consents: [], withdrawalContact: '', grievanceContact: '', pdfBase64: '',
    }),
    cancelCase: (i) => record('cancelCase', i, undefined),
  };
  return { services: { ...base, ...overrides } as FlowServices, calls };
}
