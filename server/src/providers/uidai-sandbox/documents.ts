/**
 * Demo-mode PAN and passport checks for the sandbox's synthetic residents, so
 * a newcomer's demo runs end to end with no provider account. Answers in the
 * same neutral shapes as the IDfy adapters; refuses production like the sandbox.
 */
import { maskFileNumber } from '../../../../src/shared/kyc/verification';
import { maskPan } from '../../../../src/shared/validators/pan';
import { compareNames } from '../../../../src/shared/kyc/crossmatch';
import { ProviderError } from '../errors';
import type { CallMeta, PanProvider, PanResult, PassportProvider, PassportResult } from '../types';

const NAME = 'sandbox-documents';

const PANS: Record<string, { name: string; dob: string; operative: boolean }> = {
  ABCPS1234K: { name: 'RAHUL KUMAR SHARMA', dob: '1990-05-17', operative: true },
  BCDPD5678L: { name: 'LAKSHMI DEVI', dob: '1985-03-09', operative: true },
  CDEPV9012M: { name: 'ANITA VERMA', dob: '1978-11-02', operative: false },
};
const PASSPORTS: Record<string, { name: string; surname: string; dob: string; applicationDate: string }> = {
  PN1067476816213: { name: 'RAHUL KUMAR', surname: 'SHARMA', dob: '1990-05-17', applicationDate: '2019-02-11' },
};

export class SandboxDocuments implements PanProvider, PassportProvider {
  readonly name = NAME;
  constructor(mode: string) {
    if (mode === 'production') throw new ProviderError(NAME, 'not_supported', 'Sandbox documents answer for synthetic people only and refuse to run in production');
  }

  async verifyPan(req: { pan: string; name: string; dob: string }, _meta: CallMeta): Promise<PanResult> {
    const rec = PANS[req.pan];
    const base = { maskedPan: maskPan(req.pan), provider: NAME };
    if (!rec) return { ...base, status: 'not_found' };
    const nameMatch = compareNames(req.name, rec.name).score >= 0.9;
    const dobMatch = req.dob === rec.dob;
    return {
      ...base, nameMatch, dobMatch, aadhaarSeeded: rec.operative, nameOnPan: rec.name,
      panStatus: rec.operative ? 'Existing and Valid. PAN is Operative' : 'Existing and Valid. PAN is Inoperative',
      status: !rec.operative ? 'inoperative' : nameMatch && dobMatch ? 'verified' : 'mismatch',
    };
  }

  async verifyPassport(req: { fileNumber: string; dob: string }, _meta: CallMeta): Promise<PassportResult> {
    const rec = PASSPORTS[req.fileNumber];
    const base = { maskedFileNumber: maskFileNumber(req.fileNumber), provider: NAME };
    if (!rec || rec.dob !== req.dob) return { ...base, status: 'not_found' };
    return { ...base, status: 'verified', givenName: rec.name, surname: rec.surname, dob: rec.dob, applicationDate: rec.applicationDate };
  }
}
