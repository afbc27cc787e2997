/**
 * What the agents and kyc services need from storage, as ports. The encrypted
 * store implements them (`store-ports.ts`: the agents table and the audit hash
 * chain). Neither ever holds identity data (argon2id hashes only).
 */
import type { AgentRole, AuditEntry } from '../../shared/ipc/agents';

export interface AgentRecord {
  id: string;
  employeeId: string;
  name: string;
  role: AgentRole;
  passwordHash: string;
  pinHash: string | null;
  failedAttempts: number;
  lockedUntil: string | null;
  createdAt: string;
  createdBy: string | null;
}

export interface AgentRepository {
  list(): Promise<AgentRecord[]>;
  findByEmployeeId(employeeId: string): Promise<AgentRecord | null>;
  findById(id: string): Promise<AgentRecord | null>;
  insert(agent: AgentRecord): Promise<void>;
  update(id: string, patch: Partial<Pick<AgentRecord, 'failedAttempts' | 'lockedUntil' | 'passwordHash' | 'pinHash'>>): Promise<void>;
}

export interface AuditInput {
  actorId: string | null;
  action: string;
  subject?: string | null;
  /** Flat, non-identity facts only (codes, counts, masked values). */
  detail?: Record<string, string | number | boolean | null>;
}

export interface AuditSink {
  append(entry: AuditInput): Promise<void>;
  list(limit: number): Promise<AuditEntry[]>;
}
