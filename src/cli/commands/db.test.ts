import { afterEach, describe, expect, it } from 'vitest';
import { FileKeyStore } from '../../main/store/keys/test-key-store';
import { LATEST_VERSION } from '../../main/store/migrations';
import { Store } from '../../main/store/store';
import { sampleOnboarding, seedAgent, tempDir } from '../../main/store/test-support/fixtures';
import type { CliIo } from '../command';
import { main } from '../main';

const cleanups: Array<() => void> = [];
afterEach(() => { while (cleanups.length) cleanups.pop()!(); delete process.env.VDEX_MODE; });

async function run(args: string[]) {
  let out = '';
  const io: CliIo = { out: (t) => { out += `${t}\n`; }, err: (t) => { out += `${t}\n`; }, readStdin: async () => '' };
  const code = await main(args, io);
  return { code, out, json: (() => { try { return JSON.parse(out) as { ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string; details?: Record<string, unknown> } }; } catch { return null; } })() };
}

describe('vdex db', () => {
  it('status, migrate, validate, audit-verify and rollback on a real encrypted database', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const dd = ['--data-dir', t.dir, '--json'];
    expect((await run(['db', 'status', ...dd])).json).toMatchObject({ ok: true, value: { exists: false, current: 0 } });
    expect((await run(['db', 'migrate', ...dd])).json).toMatchObject({ ok: true, value: { from: 0, to: LATEST_VERSION } });
    expect((await run(['db', 'validate', ...dd])).json).toMatchObject({ ok: true, value: { ok: true } });
    expect((await run(['db', 'audit-verify', ...dd])).json).toMatchObject({ ok: true, value: { ok: true, checked: 0 } });
    const refused = await run(['db', 'rollback', ...dd]);
    expect(refused.code).toBe(1);
    expect(refused.json?.error?.code).toBe('E_STORE_ROLLBACK_FORBIDDEN');
    process.env.VDEX_MODE = 'development';
    expect((await run(['db', 'rollback', ...dd])).json).toMatchObject({ ok: true, value: { from: LATEST_VERSION, to: LATEST_VERSION - 1 } });
    const invalid = await run(['db', 'validate', ...dd]);
    expect(invalid.code).toBe(1);
    expect(invalid.json?.error?.code).toBe('E_STORE_SCHEMA_INVALID');
  });

  it('audit-verify names the first broken entry and exits non-zero', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const store = await Store.open({ dataDir: t.dir, mode: 'development', keyStore: new FileKeyStore(t.dir) });
    seedAgent(store);
    for (let i = 0; i < 5; i++) store.onboardings.commit(sampleOnboarding());
    store.db.exec('DROP TRIGGER audit_log_no_update');
    store.db.prepare(`UPDATE audit_log SET action = 'kyc.record.deleted' WHERE seq = 4`).run();
    store.close();
    const r = await run(['db', 'audit-verify', '--data-dir', t.dir, '--json']);
    expect(r.code).toBe(1);
    expect(r.json?.error).toMatchObject({ code: 'E_STORE_AUDIT_BROKEN', details: { seq: 4, reason: 'hash_mismatch', checked: 3 } });
    const text = await run(['db', 'audit-verify', '--data-dir', t.dir]);
    expect(text.out).toMatch(/^E_STORE_AUDIT_BROKEN: Audit chain broken at entry 4/);
  });

  it('reports a wrong key as E_STORE_WRONG_KEY, not a crash', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    (await Store.open({ dataDir: t.dir, mode: 'development', keyStore: new FileKeyStore(t.dir) })).close();
    const ks = new FileKeyStore(t.dir);
    await ks.set('database', Buffer.alloc(32, 1));
    const r = await run(['db', 'status', '--data-dir', t.dir, '--json']);
    expect(r.code).toBe(1);
    expect(r.json?.error?.code).toBe('E_STORE_WRONG_KEY');
  });
});
