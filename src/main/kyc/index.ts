/** Builds the kyc service for the host: the store's onboarding write path once wired, memory until then. */
import path from 'node:path';
import type { AuditSink } from '../agents/ports';
import { ConsentTexts, findResourcesDir } from './consent-texts';
import { MemoryCaseRepository, type CaseRepository } from './ports';
import { KycService } from './service';

export { KycService, KycErrorCode } from './service';
export type { CaseRepository, CaseRecord } from './ports';

export function createKycService(audit: AuditSink, ports: { repo?: CaseRepository; resourcesDir?: string } = {}): KycService {
  const resources = ports.resourcesDir ?? findResourcesDir();
  return new KycService({ repo: ports.repo ?? new MemoryCaseRepository(), audit, consentTexts: new ConsentTexts(path.join(resources, 'consent')) });
}
