/**
 * From the other domains' contract shapes (verify, qr, aml) to what the flow and
 * the kyc case keep. Pure, so the machine tests and unit tests can check it; the
 * full Aadhaar number never reaches these shapes (they carry the masked form).
 */
import type { ChannelOutput } from '../../shared/ipc';
import type { AmlOutcome, Evidence, IdentityMethod, PanOutcome } from '../../shared/ipc/kyc';
import type { AadhaarEkyc, PanResult } from '../../shared/kyc/verification';
import type { EkycView, SecureQrView } from '../../shared/ipc/qr';
import type { IdentityResult } from './types';

type Address = Record<string, string | undefined>;

function joinAddress(parts: Address, order: readonly string[]): string | undefined {
  const text = order.map((k) => parts[k]?.trim()).filter((v): v is string => !!v).join(', ');
  return text ? text.slice(0, 500) : undefined;
}

const ADDRESS_ORDER = ['careOf', 'house', 'street', 'landmark', 'locality', 'location', 'vtc', 'postOffice', 'subDistrict', 'district', 'state', 'pincode'] as const;

/** "DD-MM-YYYY", "DD/MM/YYYY" or "YYYY-MM-DD" to "YYYY-MM-DD"; null for a year alone or anything else. */
export function isoDate(dob: string | undefined): string | null {
  if (!dob) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dob);
  if (iso) return dob;
  const dmy = /^(\d{2})[-/](\d{2})[-/](\d{4})$/.exec(dob);
  return dmy ? `${dmy[3]}-${dmy[2]}-${dmy[1]}` : null;
}

function maskedFromLast4(last4: string): string {
  return `XXXX XXXX ${last4}`;
}

function evidence(method: IdentityMethod, summary: string, reference?: string): Evidence {
  return { method, summary: summary.slice(0, 300), verified: true, verifiedAt: new Date().toISOString(), ...(reference ? { reference: reference.slice(0, 120) } : {}) };
}

/** An online eKYC answer (OTP or biometric) as the flow's identity. */
export function identityFromEkyc(ekyc: AadhaarEkyc, method: 'otp' | 'fingerprint' | 'iris'): IdentityResult {
  const last4 = ekyc.maskedAadhaar.slice(-4);
  const address = joinAddress(ekyc.address, ADDRESS_ORDER);
  const how = method === 'otp' ? 'OTP' : method;
  return {
    identity: {
      name: ekyc.name, dob: ekyc.dob, gender: ekyc.gender, maskedId: ekyc.maskedAadhaar, last4,
      ...(address ? { address } : {}),
      ...(ekyc.photo ? { photo: `data:${ekyc.photo.mime};base64,${ekyc.photo.base64}` } : {}),
    },
    evidence: evidence(method, `Aadhaar eKYC by ${how}, answered by UIDAI through ${ekyc.provider}`, ekyc.providerTxn),
  };
}

/** The fields a verified Secure QR and a verified offline e-KYC XML share, as the flow's identity. */
function identityFromSignedAadhaar(view: SecureQrView | EkycView, method: 'secure-qr' | 'offline-xml', how: string): IdentityResult {
  const f = view.fields;
  const address = joinAddress(f, ADDRESS_ORDER);
  return {
    identity: {
      name: f.name, dob: isoDate(f.dob) ?? f.dob, gender: f.gender, maskedId: maskedFromLast4(view.reference.last4), last4: view.reference.last4,
      ...(address ? { address } : {}),
      ...(view.photo ? { photo: view.photo.dataUrl } : {}),
    },
    evidence: evidence(method, `UIDAI signature valid (${how})`, view.reference.id),
  };
}

/** A verified Secure QR as the flow's identity. */
export function identityFromSecureQr(view: SecureQrView): IdentityResult {
  return identityFromSignedAadhaar(view, 'secure-qr', `Secure QR, certificate ${view.signer.subject}`);
}

/** A verified offline e-KYC XML as the flow's identity. */
export function identityFromEkycXml(view: EkycView): IdentityResult {
  return identityFromSignedAadhaar(view, 'offline-xml', `offline e-KYC XML, ${Math.round(view.ageHours)} h old`);
}

/** The central API's PAN answer as the case keeps it. */
export function panOutcome(r: PanResult): PanOutcome {
  const nameMatch = r.nameMatch === undefined ? {} : { nameMatch: r.nameMatch ? 1 : 0 };
  if (r.status === 'source_unavailable') return { status: 'queued', masked: maskedPan(r.maskedPan) };
  const verified = r.status === 'verified' && r.nameMatch !== false && r.dobMatch !== false;
  return { status: verified ? 'verified' : 'mismatch', masked: maskedPan(r.maskedPan), ...nameMatch };
}

function maskedPan(masked: string): string {
  return masked.slice(0, 10);
}

/** The screening assessment as the case keeps it: level, plain reasons, potential matches. */
export function amlOutcome(a: ChannelOutput<'aml:screen'>): AmlOutcome {
  const band = a.risk.band;
  const level: AmlOutcome['level'] = band === 'HIGH' || band === 'CRITICAL' ? 'high' : band === 'MEDIUM' ? 'medium' : a.hits.length > 0 ? 'low' : 'clear';
  return {
    level,
    reasons: a.risk.reasons.map((r) => r.detail),
    matches: a.hits.map((h) => ({ name: h.primaryName, list: h.list, score: h.score })),
    requiresReview: a.risk.pendingReview || a.hits.length > 0 || level === 'high',
    listVersion: a.listVersion,
  };
}
