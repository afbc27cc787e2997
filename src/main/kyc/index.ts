/** Builds the kyc service for the host on the encrypted store's onboarding write path. */
import path from 'node:path';
import type { AuditSink } from '../agents/ports';
import type { Store } from '../store';
import { ConsentTexts, findResourcesDir } from './consent-texts';
import type { CaseRepository } from './ports';
import { StoreCaseRepository } from './store-cases';
import { KycService } from './service';

export { KycService, KycErrorCode } from './service';
export type { CaseRepository, CaseRecord } from './ports';
export { StoreCaseRepository } from './store-cases';

export function createKycService(store: () => Store, audit: AuditSink, options: { branchId: string; repo?: CaseRepository; resourcesDir?: string }): KycService {
  const resources = options.resourcesDir ?? findResourcesDir();
  return new KycService({ repo: options.repo ?? new StoreCaseRepository(store, options.branchId), audit, consentTexts: new ConsentTexts(path.join(resources, 'consent')) });
}
