/**
 * PAN through IDfy `verify_with_source/ind_pan` (sync). `id_not_found` is a
 * result (the PAN does not exist), not an error. Decision rule from
 * kyc-domain.md 2.2: verified only with id_found, a valid and operative PAN,
 * and name and DOB matching; an inoperative PAN is its own, softer outcome.
 */
import { maskPan } from '../../../../src/shared/validators/pan';
import type { CallMeta, PanProvider, PanResult } from '../types';
import { IdfyClient, bool, sourceOutput, str } from './client';

export class IdfyPanProvider implements PanProvider {
  readonly name = IdfyClient.NAME;
  constructor(private readonly client: IdfyClient, private readonly mode: 'sync' | 'async' = 'sync') {}

  async verifyPan(req: { pan: string; name: string; dob: string }, meta: CallMeta): Promise<PanResult> {
    const task = await this.client.run('verify_with_source', 'ind_pan', { id_number: req.pan, full_name: req.name, dob: req.dob }, { mode: this.mode, meta });
    const base = { maskedPan: maskPan(req.pan), provider: this.name, ...(task.request_id ? { providerRequestId: task.request_id } : {}) };
    const out = sourceOutput(task);
    if (!out) return { ...base, status: 'source_unavailable' };
    if (out.status === 'id_not_found') return { ...base, status: 'not_found' };
    const panStatus = str(out.pan_status);
    const nameMatch = bool(out.name_match);
    const dobMatch = bool(out.dob_match);
    const aadhaarSeeded = bool(out.aadhaar_seeding_status);
    const nameOnPan = str(out.name) ?? str(out.full_name);
    const operative = panStatus === undefined || (/valid/i.test(panStatus) && !/inoperative/i.test(panStatus));
    const status: PanResult['status'] = !operative ? 'inoperative' : nameMatch === false || dobMatch === false ? 'mismatch' : 'verified';
    return {
      ...base,
      status,
      ...(panStatus ? { panStatus } : {}),
      ...(nameMatch !== undefined ? { nameMatch } : {}),
      ...(dobMatch !== undefined ? { dobMatch } : {}),
      ...(aadhaarSeeded !== undefined ? { aadhaarSeeded } : {}),
      ...(nameOnPan ? { nameOnPan } : {}),
    };
  }
}
