/** Builds the agents service for the host on the encrypted store's agents table and audit chain. */
import type { Store } from '../store';
import type { AgentRepository, AuditSink } from './ports';
import { AgentsService } from './service';
import { StoreAgentRepository, StoreAuditSink } from './store-ports';

export { AgentsService, AgentErrorCode } from './service';
export type { AgentRepository, AuditSink, AuditInput } from './ports';
export { StoreAgentRepository, StoreAuditSink } from './store-ports';

export function createAgentsService(store: () => Store, options: { branchId: string; mode?: string; repo?: AgentRepository; audit?: AuditSink }): AgentsService {
  // Tests shorten the idle lock; production ignores the override.
  const idle = options.mode !== 'production' ? Number(process.env.VDEX_IDLE_LOCK_SECONDS) : NaN;
  return new AgentsService({
    repo: options.repo ?? new StoreAgentRepository(store, options.branchId),
    audit: options.audit ?? new StoreAuditSink(store),
    ...(idle > 0 ? { idleLockSeconds: idle } : {}),
  });
}
