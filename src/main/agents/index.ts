/** Builds the agents service for the host on the encrypted store's agents table and audit chain. */
import type { Store } from '../store';
import type { AgentRepository, AuditSink } from './ports';
import { AgentsService } from './service';
import { StoreAgentRepository, StoreAuditSink } from './store-ports';

export { AgentsService, AgentErrorCode } from './service';
export type { AgentRepository, AuditSink, AuditInput } from './ports';
export { StoreAgentRepository, StoreAuditSink } from './store-ports';

/** The idle lock: the signed config's policy; VDEX_IDLE_LOCK_SECONDS overrides it outside production (tests shorten it). */
export function idleLockSeconds(options: { mode?: string; policySeconds?: number }, env: NodeJS.ProcessEnv = process.env): number | undefined {
  const override = options.mode !== 'production' ? Number(env.VDEX_IDLE_LOCK_SECONDS) : NaN;
  return override > 0 ? override : options.policySeconds;
}

export function createAgentsService(store: () => Store, options: { branchId: string; mode?: string; idleLockSeconds?: number; repo?: AgentRepository; audit?: AuditSink }): AgentsService {
  const idle = idleLockSeconds({ ...(options.mode ? { mode: options.mode } : {}), ...(options.idleLockSeconds ? { policySeconds: options.idleLockSeconds } : {}) });
  return new AgentsService({
    repo: options.repo ?? new StoreAgentRepository(store, options.branchId),
    audit: options.audit ?? new StoreAuditSink(store),
    ...(idle ? { idleLockSeconds: idle } : {}),
  });
}
