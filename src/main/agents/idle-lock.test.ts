/**
 * One idle-lock bound for the signed kiosk policy and the supervisor's agents:set-idle-lock
 * (src/shared/ipc/agents.ts): a value above it is refused by the config, by the channel (through
 * the real dispatch and handlers, on a real SQLCipher store) and by the service itself.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { CoreErrorCode } from '../../shared/errors';
import { IDLE_LOCK_MAX_SECONDS } from '../../shared/ipc/agents';
import { KioskPolicySchema, signConfig } from '../config';
import { dispatch } from '../dispatch';
import type { Handlers } from '../handler-types';
import type { Host } from '../host';
import { MemoryKeyStore, Store } from '../store';
import { tempDir } from '../store/test-support/fixtures';
import { agentsHandlers } from './handlers';
import { AgentErrorCode, AgentsService } from './service';
import { StoreAgentRepository, StoreAuditSink } from './store-ports';

const opened: Array<{ store: Store; cleanup(): void }> = [];
afterAll(() => opened.forEach(({ store, cleanup }) => { store.close(); cleanup(); }));

describe('idle lock bound', () => {
  it('is 15 minutes at most', () => {
    expect(IDLE_LOCK_MAX_SECONDS).toBe(900);
  });

  it('the signed kiosk policy refuses a value above it and accepts the bound itself', () => {
    expect(KioskPolicySchema.safeParse({ idleLockSeconds: IDLE_LOCK_MAX_SECONDS }).success).toBe(true);
    expect(KioskPolicySchema.safeParse({ idleLockSeconds: IDLE_LOCK_MAX_SECONDS + 1 }).success).toBe(false);
    expect(KioskPolicySchema.safeParse({ idleLockSeconds: 3600 }).success).toBe(false);
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const payload = { centralApiUrl: 'https://central.bank.example/api', branchId: 'MUM-0042', issuedAt: '2026-01-01T00:00:00.000Z' };
    expect(() => signConfig({ ...payload, policy: { idleLockSeconds: IDLE_LOCK_MAX_SECONDS + 1 } }, pem)).toThrow(expect.objectContaining({ code: 'E_CONFIG_INVALID' }));
    expect(() => signConfig({ ...payload, policy: { idleLockSeconds: IDLE_LOCK_MAX_SECONDS } }, pem)).not.toThrow();
  });

  it('agents:set-idle-lock refuses a value above it (channel and service) and takes the bound', async () => {
    const { dir, cleanup } = tempDir('vdex-idle-');
    const store = await Store.open({ dataDir: dir, mode: 'development', keyStore: new MemoryKeyStore() });
    opened.push({ store, cleanup });
    const service = new AgentsService({ repo: new StoreAgentRepository(() => store, 'BR-1'), audit: new StoreAuditSink(() => store), argon2: { memorySize: 1024, iterations: 1, parallelism: 1 } });
    await service.setup('sup', { employeeId: 'SUP-1', name: 'Asha', password: 'correct horse' });
    // Only the agents slice of the host is reached by these handlers.
    const handlers = agentsHandlers({ agents: service } as unknown as Host) as unknown as Handlers;
    const ctx = { transport: 'test' as const, connectionId: 'sup' };

    const refused = await dispatch(handlers, 'agents:set-idle-lock', { seconds: IDLE_LOCK_MAX_SECONDS + 1 }, ctx);
    expect(refused).toMatchObject({ ok: false, error: { code: CoreErrorCode.BAD_INPUT } });
    await expect(service.setIdleLock('sup', IDLE_LOCK_MAX_SECONDS + 1)).rejects.toMatchObject({ code: AgentErrorCode.BAD_IDLE_LOCK });
    expect((await service.status('sup')).idleLockSeconds).toBe(120);

    expect(await dispatch(handlers, 'agents:set-idle-lock', { seconds: IDLE_LOCK_MAX_SECONDS }, ctx)).toEqual({ ok: true, value: { idleLockSeconds: IDLE_LOCK_MAX_SECONDS } });
    expect((await service.status('sup')).idleLockSeconds).toBe(IDLE_LOCK_MAX_SECONDS);
  });
});
