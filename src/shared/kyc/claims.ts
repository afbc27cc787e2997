/**
 * Turns online verification results into cross-match claims, so the decision
 * compares what each source vouched for: Aadhaar eKYC's own name/DOB/gender;
 * for PAN, the name on the PAN when the provider returned it, else the entered
 * name and DOB only where the provider confirmed them; for passport, the
 * source's given name + surname and DOB.
 */
import type { IdentityClaim } from './crossmatch';
import type { AadhaarEkyc, PanResult, PassportResult } from './verification';

export function claimFromEkyc(e: AadhaarEkyc): IdentityClaim {
  return { source: 'aadhaar', name: e.name, dob: e.dob, gender: e.gender };
}

export function claimFromPan(entered: { name: string; dob: string }, r: PanResult): IdentityClaim {
  if (r.status === 'not_found' || r.status === 'source_unavailable') return { source: 'pan' };
  return {
    source: 'pan',
    name: r.nameOnPan ?? (r.nameMatch ? entered.name : undefined),
    dob: r.dobMatch ? entered.dob : undefined,
  };
}

export function claimFromPassport(r: PassportResult): IdentityClaim {
  if (r.status === 'not_found' || r.status === 'source_unavailable') return { source: 'passport' };
  const name = [r.givenName, r.surname].filter(Boolean).join(' ');
  return { source: 'passport', name: name || undefined, dob: r.dob };
}
