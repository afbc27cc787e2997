import type { HandlersFor } from '../handler-types';
import type { Host } from '../host';

export function amlHandlers(host: Host): HandlersFor<'aml:'> {
  return {
    'aml:screen': async (input) => {
      const { name, dob, country, gender, kind, subjectRef, kycRecordId, factors } = input;
      const subject = { name, ...(dob ? { dob } : {}), ...(country ? { country } : {}), ...(gender ? { gender } : {}), ...(kind ? { kind } : {}) };
      return host.aml.screenAndAssess({ subject, factors: factors ?? {}, ...(subjectRef ? { subjectRef } : {}), kycRecordId: kycRecordId ?? null });
    },
    'aml:lists': async () => host.aml.status(),
    'aml:review-queue': async () => host.aml.reviewQueue(),
    'aml:dispose': async (input) => host.aml.dispose(input),
  };
}
