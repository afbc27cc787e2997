import { afterAll, describe, expect, it } from 'vitest';
import { MemoryKeyStore, Store } from '../store';
import { tempDir } from '../store/test-support/fixtures';
import { AgentErrorCode, AgentsService } from './service';
import { StoreAgentRepository, StoreAuditSink } from './store-ports';

// Real argon2id (hash-wasm) with a small memory cost so the suite stays fast.
const FAST = { memorySize: 1024, iterations: 1, parallelism: 1 };

// Each test gets a real SQLCipher store in a temporary folder.
const opened: Array<{ store: Store; cleanup(): void }> = [];
afterAll(() => opened.forEach(({ store, cleanup }) => { store.close(); cleanup(); }));

async function make(now = () => new Date()) {
  const { dir, cleanup } = tempDir('vdex-agents-');
  const store = await Store.open({ dataDir: dir, mode: 'development', keyStore: new MemoryKeyStore() });
  opened.push({ store, cleanup });
  const repo = new StoreAgentRepository(() => store, 'BR-1');
  const audit = new StoreAuditSink(() => store);
  return { store, repo, audit, service: new AgentsService({ repo, audit, argon2: FAST, maxFailures: 3, lockoutSeconds: 60, now }) };
}

const codeOf = async (p: Promise<unknown>) => p.then(() => 'resolved', (e: { code?: string }) => e.code);

describe('AgentsService', () => {
  it('first run creates a supervisor, then refuses a second setup', async () => {
    const { service } = await make();
    expect((await service.status('c1')).firstRun).toBe(true);
    const s = await service.setup('c1', { employeeId: 'sup-1', name: 'Asha', password: 'correct horse', pin: '4321' });
    expect(s).toMatchObject({ employeeId: 'SUP-1', role: 'supervisor', locked: false });
    expect((await service.status('c1')).firstRun).toBe(false);
    expect(await codeOf(service.setup('c2', { employeeId: 'x-2', name: 'B', password: 'whatever12' }))).toBe(AgentErrorCode.SETUP_DONE);
  });

  it('only supervisors create agents; agents log in by password or PIN; hashes are argon2id', async () => {
    const { service, store } = await make();
    await service.setup('sup', { employeeId: 'SUP-1', name: 'Asha', password: 'correct horse' });
    await service.create('sup', { employeeId: 'AGT-1', name: 'Ravi', role: 'agent', password: 'ravi-pass-1', pin: '1234' });
    const agent = await service.login('agt', 'agt-1', 'pin', '1234');
    expect(agent.role).toBe('agent');
    expect(await codeOf(service.create('agt', { employeeId: 'AGT-2', name: 'X', role: 'agent', password: 'xxxxxxxx' }))).toBe(AgentErrorCode.FORBIDDEN);
    const stored = JSON.stringify(store.agents.list());
    expect(store.agents.list().map((a) => [a.username, a.role, a.branchId])).toEqual([['AGT-1', 'agent', 'BR-1'], ['SUP-1', 'supervisor', 'BR-1']]);
    expect((await service.list('sup')).find((a) => a.employeeId === 'AGT-1')?.createdBy).toBe((await service.list('sup')).find((a) => a.employeeId === 'SUP-1')?.id);
    expect(stored).toContain('$argon2id$');
    expect(stored).not.toContain('ravi-pass-1');
    expect(stored).not.toContain('"1234"');
  });

  it('locks an account out after repeated failures and lets it in once the lockout ends', async () => {
    let t = Date.parse('2025-01-01T10:00:00Z');
    const { service } = await make(() => new Date(t));
    await service.setup('sup', { employeeId: 'SUP-1', name: 'Asha', password: 'correct horse' });
    expect(await codeOf(service.login('c', 'SUP-1', 'password', 'nope'))).toBe(AgentErrorCode.BAD_CREDENTIALS);
    expect(await codeOf(service.login('c', 'SUP-1', 'password', 'nope'))).toBe(AgentErrorCode.BAD_CREDENTIALS);
    expect(await codeOf(service.login('c', 'SUP-1', 'password', 'nope'))).toBe(AgentErrorCode.LOCKED_OUT);
    // Even the right password is refused while locked out.
    expect(await codeOf(service.login('c', 'SUP-1', 'password', 'correct horse'))).toBe(AgentErrorCode.LOCKED_OUT);
    t += 61_000;
    expect((await service.login('c', 'SUP-1', 'password', 'correct horse')).role).toBe('supervisor');
  });

  it('idle lock keeps the session, refuses work, and unlocks only with the same agent\'s secret', async () => {
    const { service } = await make();
    await service.setup('c', { employeeId: 'SUP-1', name: 'Asha', password: 'correct horse', pin: '9876' });
    await service.lock('c');
    expect((await service.status('c')).session?.locked).toBe(true);
    expect(() => service.require('c')).toThrowError(/locked/);
    expect(await codeOf(service.unlock('c', 'pin', '0000'))).toBe(AgentErrorCode.BAD_CREDENTIALS);
    const s = await service.unlock('c', 'pin', '9876');
    expect(s.locked).toBe(false);
    expect(service.require('c').agentId).toBe(s.agentId);
  });

  it('audits every action with the agent id and no secrets', async () => {
    const { service, audit, store } = await make();
    const s = await service.setup('c', { employeeId: 'SUP-1', name: 'Asha', password: 'correct horse' });
    await service.lock('c');
    await service.unlock('c', 'password', 'correct horse');
    await service.logout('c');
    const entries = await audit.list(10);
    expect(entries.map((e) => e.action).reverse()).toEqual(['agent.setup', 'agent.login', 'agent.lock', 'agent.unlock', 'agent.logout']);
    expect(entries.every((e) => e.actorId === s.agentId)).toBe(true);
    expect(JSON.stringify(entries)).not.toContain('correct horse');
    expect(entries.map((e) => e.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
    // On the store's hash chain: intact, and an edit is found.
    expect(store.audit.verify()).toMatchObject({ ok: true, checked: 5 });
  });
});
