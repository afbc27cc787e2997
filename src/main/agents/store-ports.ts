/**
 * The agents and audit ports on the encrypted store (issue 5): accounts in its
 * `agents` table, the audit trail in its hash-chained `audit_log`. The store is
 * reached lazily, so a kiosk whose store did not open still starts and every
 * call answers the store's own error (E_STORE_KEY_UNAVAILABLE, ...).
 *
 * The table has one credential column: it holds both argon2id hashes (password
 * and PIN) as JSON. Who created an account is not a column; it is read back
 * from the `agent.create` audit entry.
 */
import type { AuditEntry } from '../../shared/ipc/agents';
import type { Store } from '../store';
import type { Agent } from '../store/repositories/types';
import type { AgentRecord, AgentRepository, AuditInput, AuditSink } from './ports';

interface Credentials {
  password: string;
  pin: string | null;
}

function toRecord(a: Agent, createdBy: string | null): AgentRecord {
  const creds = JSON.parse(a.credentialHash ?? '{"password":"","pin":null}') as Credentials;
  return {
    id: a.id, employeeId: a.username, name: a.displayName, role: a.role === 'agent' ? 'agent' : 'supervisor',
    passwordHash: creds.password, pinHash: creds.pin, failedAttempts: a.failedAttempts, lockedUntil: a.lockedUntil, createdAt: a.createdAt, createdBy,
  };
}

export class StoreAgentRepository implements AgentRepository {
  constructor(private readonly store: () => Store, private readonly branchId: string) {}

  private createdBy(id: string): string | null {
    const entry = this.store().audit.list({ subjectRef: id, limit: 50 }).find((e) => e.action === 'agent.create');
    return entry?.agentId ?? null;
  }

  async list() {
    return this.store().agents.list().map((a) => toRecord(a, this.createdBy(a.id)));
  }
  async findByEmployeeId(employeeId: string) {
    const key = employeeId.toUpperCase();
    const a = this.store().agents.list().find((x) => x.username.toUpperCase() === key);
    return a ? toRecord(a, this.createdBy(a.id)) : null;
  }
  async findById(id: string) {
    const a = this.store().agents.find(id);
    return a ? toRecord(a, this.createdBy(a.id)) : null;
  }
  async insert(agent: AgentRecord) {
    this.store().agents.insert({
      id: agent.id, username: agent.employeeId, displayName: agent.name, role: agent.role, branchId: this.branchId,
      credentialHash: JSON.stringify({ password: agent.passwordHash, pin: agent.pinHash } satisfies Credentials), status: 'active',
    });
  }
  async update(id: string, patch: Partial<Pick<AgentRecord, 'failedAttempts' | 'lockedUntil' | 'passwordHash' | 'pinHash'>>) {
    const store = this.store();
    const current = store.agents.get(id);
    const creds = JSON.parse(current.credentialHash ?? '{"password":"","pin":null}') as Credentials;
    const credentialChange = patch.passwordHash !== undefined || patch.pinHash !== undefined;
    store.agents.update(id, {
      ...(patch.failedAttempts !== undefined ? { failedAttempts: patch.failedAttempts } : {}),
      ...(patch.lockedUntil !== undefined ? { lockedUntil: patch.lockedUntil, status: patch.lockedUntil ? 'locked' : 'active' } : {}),
      ...(credentialChange ? { credentialHash: JSON.stringify({ password: patch.passwordHash ?? creds.password, pin: patch.pinHash !== undefined ? patch.pinHash : creds.pin }) } : {}),
    });
  }
}

/** Flat detail values, as the audit viewer shows them. */
function flat(details: Record<string, unknown>): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(details)) {
    out[k] = v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v);
  }
  return out;
}

export class StoreAuditSink implements AuditSink {
  constructor(private readonly store: () => Store) {}

  async append(input: AuditInput): Promise<void> {
    this.store().audit.append({ action: input.action, agentId: input.actorId, subjectRef: input.subject ?? null, ...(input.detail ? { details: input.detail } : {}) });
  }

  /** The newest `limit` entries, newest first. */
  async list(limit: number): Promise<AuditEntry[]> {
    const audit = this.store().audit;
    const head = audit.head()?.seq ?? 0;
    return audit.list({ afterSeq: Math.max(0, head - limit), limit }).reverse().map((e) => ({
      seq: e.seq, at: e.at, actorId: e.agentId, action: e.action, subject: e.subjectRef, ...(Object.keys(e.details).length ? { detail: flat(e.details) } : {}),
    }));
  }
}
