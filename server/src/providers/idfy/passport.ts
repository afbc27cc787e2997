/**
 * Passport through IDfy `verify_with_source/ind_passport` (async, polled). The
 * input keys follow the best-structured public client (`passport_file_number`,
 * `date_of_birth`); kyc-domain.md 2.2 marks them partial, so they are one
 * constant to change after checking IDfy's Postman collection.
 * `passport_status` is free text that can hold the passport number: never logged or returned.
 */
import { maskFileNumber } from '../../../../src/shared/kyc/verification';
import type { CallMeta, PassportProvider, PassportResult } from '../types';
import { IdfyClient, sourceOutput, str } from './client';

export const PASSPORT_INPUT_KEYS = { fileNumber: 'passport_file_number', dob: 'date_of_birth' } as const;

export class IdfyPassportProvider implements PassportProvider {
  readonly name = IdfyClient.NAME;
  constructor(private readonly client: IdfyClient, private readonly mode: 'sync' | 'async' = 'async') {}

  async verifyPassport(req: { fileNumber: string; dob: string; name?: string }, meta: CallMeta): Promise<PassportResult> {
    const data = { [PASSPORT_INPUT_KEYS.fileNumber]: req.fileNumber, [PASSPORT_INPUT_KEYS.dob]: req.dob };
    const task = await this.client.run('verify_with_source', 'ind_passport', data, { mode: this.mode, meta });
    const base = { maskedFileNumber: maskFileNumber(req.fileNumber), provider: this.name, ...(task.request_id ? { providerRequestId: task.request_id } : {}) };
    const out = sourceOutput(task);
    if (!out) return { ...base, status: 'source_unavailable' };
    if (out.status === 'id_not_found') return { ...base, status: 'not_found' };
    const dob = str(out.date_of_birth);
    const givenName = str(out.name);
    const surname = str(out.surname);
    const applicationDate = str(out.application_date);
    const dobMismatch = dob !== undefined && dob.slice(0, 10) !== req.dob;
    return {
      ...base,
      status: dobMismatch ? 'mismatch' : 'verified',
      ...(givenName ? { givenName } : {}),
      ...(surname ? { surname } : {}),
      ...(dob ? { dob } : {}),
      ...(applicationDate ? { applicationDate } : {}),
    };
  }
}
