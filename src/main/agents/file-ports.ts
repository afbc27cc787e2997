/**
 * Interim storage for agents and the audit trail while the encrypted store
 * (issue 5) lands: a JSON file of accounts (argon2id hashes only) and an
 * append-only JSON-lines audit file in the data folder. Neither ever holds
 * identity data. Replace with the store's repositories in `createAgentsService`.
 */
import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AuditEntry } from '../../shared/ipc/agents';
import type { AgentRecord, AgentRepository, AuditInput, AuditSink } from './ports';

export class FileAgentRepository implements AgentRepository {
  private cache: AgentRecord[] | null = null;
  private readonly file: string;

  constructor(dir: string) {
    this.file = path.join(dir, 'agents.json');
  }

  private async load(): Promise<AgentRecord[]> {
    if (this.cache) return this.cache;
    try {
      this.cache = JSON.parse(await readFile(this.file, 'utf8')) as AgentRecord[];
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      this.cache = [];
    }
    return this.cache;
  }

  private async save(): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(this.cache ?? []), { mode: 0o600 });
    await rename(tmp, this.file);
  }

  async list() {
    return [...(await this.load())];
  }
  async findByEmployeeId(employeeId: string) {
    const key = employeeId.toUpperCase();
    return (await this.load()).find((a) => a.employeeId.toUpperCase() === key) ?? null;
  }
  async findById(id: string) {
    return (await this.load()).find((a) => a.id === id) ?? null;
  }
  async insert(agent: AgentRecord) {
    (await this.load()).push(agent);
    await this.save();
  }
  async update(id: string, patch: Partial<AgentRecord>) {
    const all = await this.load();
    const i = all.findIndex((a) => a.id === id);
    if (i < 0) return;
    all[i] = { ...all[i]!, ...patch };
    await this.save();
  }
}

export class FileAuditSink implements AuditSink {
  private readonly file: string;
  private seq = -1;
  private chain: Promise<void> = Promise.resolve();

  constructor(dir: string) {
    this.file = path.join(dir, 'audit-interim.jsonl');
  }

  private async readAll(): Promise<AuditEntry[]> {
    try {
      return (await readFile(this.file, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as AuditEntry);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
  }

  append(input: AuditInput): Promise<void> {
    // Serialised so sequence numbers stay gapless under concurrent calls.
    this.chain = this.chain.then(async () => {
      if (this.seq < 0) this.seq = (await this.readAll()).length;
      const entry: AuditEntry = { seq: ++this.seq, at: new Date().toISOString(), actorId: input.actorId, action: input.action, subject: input.subject ?? null, ...(input.detail ? { detail: input.detail } : {}) };
      await mkdir(path.dirname(this.file), { recursive: true });
      await appendFile(this.file, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
    });
    return this.chain;
  }

  async list(limit: number): Promise<AuditEntry[]> {
    await this.chain;
    return (await this.readAll()).slice(-limit).reverse();
  }
}
