/**
 * Agent accounts and sessions. First run creates a supervisor; supervisors
 * create agents; login by password or PIN (argon2id); a lockout after repeated
 * failures; an idle lock that keeps the session but refuses work until the same
 * agent unlocks. Sessions are per renderer connection. Every action is audited
 * with the acting agent's id.
 */
import { randomUUID } from 'node:crypto';
import { KioskError } from '../../shared/errors';
import { IDLE_LOCK_MAX_SECONDS, IDLE_LOCK_MIN_SECONDS, IdleLockSecondsSchema, type AgentRole, type AgentSession, type AgentSummary, type AgentsStatus } from '../../shared/ipc/agents';
import { DEFAULT_ARGON2, hashSecret, verifySecret, type Argon2Params } from './passwords';
import type { AgentRecord, AgentRepository, AuditSink } from './ports';

export const AgentErrorCode = {
  NOT_LOGGED_IN: 'E_AGENT_NOT_LOGGED_IN',
  LOCKED: 'E_AGENT_SESSION_LOCKED',
  BAD_CREDENTIALS: 'E_AGENT_BAD_CREDENTIALS',
  LOCKED_OUT: 'E_AGENT_LOCKED_OUT',
  FORBIDDEN: 'E_AGENT_FORBIDDEN',
  EXISTS: 'E_AGENT_EXISTS',
  SETUP_DONE: 'E_AGENT_SETUP_DONE',
  NO_PIN: 'E_AGENT_NO_PIN',
  BAD_IDLE_LOCK: 'E_AGENT_BAD_IDLE_LOCK',
} as const;

export interface AgentsOptions {
  repo: AgentRepository;
  audit: AuditSink;
  maxFailures?: number;
  lockoutSeconds?: number;
  idleLockSeconds?: number;
  argon2?: Argon2Params;
  now?: () => Date;
}

type LiveSession = AgentSession;

export interface NewAgent {
  employeeId: string;
  name: string;
  password: string;
  pin?: string | undefined;
}

export class AgentsService {
  private readonly sessions = new Map<string, LiveSession>();
  private readonly maxFailures: number;
  private readonly lockoutMs: number;
  private readonly argon2: Argon2Params;
  private readonly now: () => Date;
  idleLockSeconds: number;

  constructor(private readonly options: AgentsOptions) {
    this.maxFailures = options.maxFailures ?? 5;
    this.lockoutMs = (options.lockoutSeconds ?? 300) * 1000;
    this.idleLockSeconds = options.idleLockSeconds ?? 120;
    this.argon2 = options.argon2 ?? DEFAULT_ARGON2;
    this.now = options.now ?? (() => new Date());
  }

  get audit(): AuditSink {
    return this.options.audit;
  }

  async status(connectionId: string): Promise<AgentsStatus> {
    const session = this.sessions.get(connectionId);
    return { firstRun: (await this.options.repo.list()).length === 0, session: session ? publicSession(session) : null, idleLockSeconds: this.idleLockSeconds };
  }

  async setup(connectionId: string, input: NewAgent): Promise<AgentSession> {
    if ((await this.options.repo.list()).length > 0) {
      throw new KioskError(AgentErrorCode.SETUP_DONE, 'This kiosk already has a supervisor. Log in instead.');
    }
    const record = await this.insert(input, 'supervisor', null);
    await this.options.audit.append({ actorId: record.id, action: 'agent.setup', subject: record.id, detail: { role: 'supervisor' } });
    return this.open(connectionId, record, 'password');
  }

  async create(connectionId: string, input: NewAgent & { role: AgentRole }): Promise<AgentSummary> {
    const actor = this.require(connectionId, 'supervisor');
    if (await this.options.repo.findByEmployeeId(input.employeeId)) {
      throw new KioskError(AgentErrorCode.EXISTS, `An account with employee ID ${input.employeeId} already exists.`);
    }
    const record = await this.insert(input, input.role, actor.agentId);
    await this.options.audit.append({ actorId: actor.agentId, action: 'agent.create', subject: record.id, detail: { role: input.role } });
    return summary(record);
  }

  async list(connectionId: string): Promise<AgentSummary[]> {
    this.require(connectionId, 'supervisor');
    return (await this.options.repo.list()).map(summary);
  }

  async login(connectionId: string, employeeId: string, kind: 'password' | 'pin', secret: string): Promise<AgentSession> {
    const record = await this.options.repo.findByEmployeeId(employeeId);
    if (!record) {
      await this.options.audit.append({ actorId: null, action: 'agent.login-failed', subject: null, detail: { reason: 'unknown-id' } });
      throw new KioskError(AgentErrorCode.BAD_CREDENTIALS, 'The employee ID or the password/PIN is wrong.');
    }
    await this.checkSecret(record, kind, secret, 'agent.login-failed');
    return this.open(connectionId, record, kind);
  }

  async logout(connectionId: string): Promise<boolean> {
    const session = this.sessions.get(connectionId);
    if (!session) return false;
    this.sessions.delete(connectionId);
    await this.options.audit.append({ actorId: session.agentId, action: 'agent.logout', subject: session.agentId });
    return true;
  }

  async lock(connectionId: string): Promise<AgentSession> {
    const session = this.sessions.get(connectionId);
    if (!session) throw new KioskError(AgentErrorCode.NOT_LOGGED_IN, 'No agent is logged in.');
    if (!session.locked) {
      session.locked = true;
      await this.options.audit.append({ actorId: session.agentId, action: 'agent.lock', subject: session.agentId });
    }
    return publicSession(session);
  }

  async unlock(connectionId: string, kind: 'password' | 'pin', secret: string): Promise<AgentSession> {
    const session = this.sessions.get(connectionId);
    if (!session) throw new KioskError(AgentErrorCode.NOT_LOGGED_IN, 'No agent is logged in.');
    const record = await this.options.repo.findById(session.agentId);
    if (!record) throw new KioskError(AgentErrorCode.NOT_LOGGED_IN, 'This account no longer exists.');
    try {
      await this.checkSecret(record, kind, secret, 'agent.unlock-failed');
    } catch (e) {
      // Locked out while locked: the session ends, the next agent logs in afresh.
      if (e instanceof KioskError && e.code === AgentErrorCode.LOCKED_OUT) this.sessions.delete(connectionId);
      throw e;
    }
    session.locked = false;
    await this.options.audit.append({ actorId: session.agentId, action: 'agent.unlock', subject: session.agentId, detail: { kind } });
    return publicSession(session);
  }

  /** Re-authentication for a checker's approval: the secret of the logged-in agent. */
  async reauthenticate(connectionId: string, kind: 'password' | 'pin', secret: string): Promise<AgentSession> {
    const session = this.require(connectionId);
    const record = await this.options.repo.findById(session.agentId);
    if (!record) throw new KioskError(AgentErrorCode.NOT_LOGGED_IN, 'This account no longer exists.');
    await this.checkSecret(record, kind, secret, 'agent.reauth-failed');
    return session;
  }

  /** The logged-in, unlocked agent of this connection, optionally with a role; throws otherwise. */
  require(connectionId: string, role?: AgentRole): AgentSession {
    const session = this.sessions.get(connectionId);
    if (!session) throw new KioskError(AgentErrorCode.NOT_LOGGED_IN, 'Log in first.');
    if (session.locked) throw new KioskError(AgentErrorCode.LOCKED, 'The kiosk is locked. Unlock it with your password or PIN.');
    if (role === 'supervisor' && session.role !== 'supervisor') {
      throw new KioskError(AgentErrorCode.FORBIDDEN, 'Only a supervisor can do this.');
    }
    return publicSession(session);
  }

  async setIdleLock(connectionId: string, seconds: number): Promise<number> {
    const actor = this.require(connectionId, 'supervisor');
    // The channel schema checks this too; the service keeps the bound for callers that skip it (CLI, tests).
    if (!IdleLockSecondsSchema.safeParse(seconds).success) {
      throw new KioskError(AgentErrorCode.BAD_IDLE_LOCK, `The idle lock must be a whole number of seconds from ${IDLE_LOCK_MIN_SECONDS} to ${IDLE_LOCK_MAX_SECONDS}.`, { seconds });
    }
    this.idleLockSeconds = seconds;
    await this.options.audit.append({ actorId: actor.agentId, action: 'settings.idle-lock', subject: null, detail: { seconds } });
    return seconds;
  }

  private async insert(input: NewAgent, role: AgentRole, createdBy: string | null): Promise<AgentRecord> {
    const record: AgentRecord = {
      id: randomUUID(),
      employeeId: input.employeeId.toUpperCase(),
      name: input.name,
      role,
      passwordHash: await hashSecret(input.password, this.argon2),
      pinHash: input.pin ? await hashSecret(input.pin, this.argon2) : null,
      failedAttempts: 0,
      lockedUntil: null,
      createdAt: this.now().toISOString(),
      createdBy,
    };
    await this.options.repo.insert(record);
    return record;
  }

  private async checkSecret(record: AgentRecord, kind: 'password' | 'pin', secret: string, failAction: string): Promise<void> {
    const now = this.now();
    if (record.lockedUntil && new Date(record.lockedUntil) > now) {
      const minutes = Math.ceil((new Date(record.lockedUntil).getTime() - now.getTime()) / 60_000);
      throw new KioskError(AgentErrorCode.LOCKED_OUT, `Too many wrong attempts. This account is locked for ${minutes} more minute(s).`, { retryAfterSeconds: minutes * 60 });
    }
    const hash = kind === 'pin' ? record.pinHash : record.passwordHash;
    if (!hash) throw new KioskError(AgentErrorCode.NO_PIN, 'This account has no PIN. Use the password.');
    if (await verifySecret(secret, hash)) {
      if (record.failedAttempts > 0 || record.lockedUntil) await this.options.repo.update(record.id, { failedAttempts: 0, lockedUntil: null });
      return;
    }
    const failures = record.failedAttempts + 1;
    const lockedOut = failures >= this.maxFailures;
    await this.options.repo.update(record.id, {
      failedAttempts: lockedOut ? 0 : failures,
      lockedUntil: lockedOut ? new Date(now.getTime() + this.lockoutMs).toISOString() : null,
    });
    await this.options.audit.append({ actorId: record.id, action: lockedOut ? 'agent.locked-out' : failAction, subject: record.id, detail: { failures } });
    if (lockedOut) {
      throw new KioskError(AgentErrorCode.LOCKED_OUT, `Too many wrong attempts. This account is locked for ${Math.ceil(this.lockoutMs / 60_000)} minute(s).`);
    }
    throw new KioskError(AgentErrorCode.BAD_CREDENTIALS, `The employee ID or the password/PIN is wrong. ${this.maxFailures - failures} attempt(s) left.`, { attemptsLeft: this.maxFailures - failures });
  }

  private async open(connectionId: string, record: AgentRecord, kind: 'password' | 'pin'): Promise<AgentSession> {
    const session: LiveSession = { agentId: record.id, employeeId: record.employeeId, name: record.name, role: record.role, locked: false, startedAt: this.now().toISOString() };
    this.sessions.set(connectionId, session);
    await this.options.audit.append({ actorId: record.id, action: 'agent.login', subject: record.id, detail: { kind } });
    return publicSession(session);
  }
}

function publicSession(s: LiveSession | AgentSession): AgentSession {
  return { agentId: s.agentId, employeeId: s.employeeId, name: s.name, role: s.role, locked: s.locked, startedAt: s.startedAt };
}

function summary(r: AgentRecord): AgentSummary {
  return { id: r.id, employeeId: r.employeeId, name: r.name, role: r.role, hasPin: r.pinHash !== null, createdAt: r.createdAt, createdBy: r.createdBy };
}
