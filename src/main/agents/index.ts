/** Builds the agents service for the host: the store's repositories once wired, the interim files until then. */
import path from 'node:path';
import { FileAgentRepository, FileAuditSink } from './file-ports';
import type { AgentRepository, AuditSink } from './ports';
import { AgentsService } from './service';

export { AgentsService, AgentErrorCode } from './service';
export type { AgentRepository, AuditSink, AuditInput } from './ports';

export function createAgentsService(dataDir: string, ports: { repo?: AgentRepository; audit?: AuditSink; mode?: string } = {}): AgentsService {
  const dir = path.join(dataDir, 'agents');
  // Tests shorten the idle lock; production ignores the override.
  const idle = ports.mode !== 'production' ? Number(process.env.VDEX_IDLE_LOCK_SECONDS) : NaN;
  return new AgentsService({ repo: ports.repo ?? new FileAgentRepository(dir), audit: ports.audit ?? new FileAuditSink(dir), ...(idle > 0 ? { idleLockSeconds: idle } : {}) });
}
