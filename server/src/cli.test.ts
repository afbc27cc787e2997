import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../test/db';
import { runServerCli } from './cli';

describe('server CLI verbs on real PostgreSQL (DATABASE_URL)', () => {
  const saved = { ...process.env };
  beforeAll(async () => {
    const { db, url } = await freshDatabase();
    await db.close();
    process.env.DATABASE_URL = url;
  });
  afterAll(() => {
    process.env = saved;
  });
  const run = async (...args: string[]) => {
    const lines: string[] = [];
    const code = await runServerCli([...args, '--json'], { out: (s) => void lines.push(s) });
    return { code, json: JSON.parse(lines.join('\n')) };
  };

  it('migrate, status, validate, rollback --json; rollback refused in production', async () => {
    expect((await run('validate')).code).toBe(1);
    expect(await run('migrate')).toMatchObject({ code: 0, json: { ok: true, value: { applied: [1, 2], engine: 'postgres' } } });
    expect((await run('status')).json.value.migrations.map((m: { state: string }) => m.state)).toEqual(['applied', 'applied']);
    expect(await run('validate')).toMatchObject({ code: 0, json: { ok: true, value: { ok: true, tables: 14 } } });
    process.env.VDEX_MODE = 'production';
    expect(await run('rollback')).toMatchObject({ code: 1, json: { ok: false, error: { code: 'E_DB_ROLLBACK_IN_PRODUCTION' } } });
    delete process.env.VDEX_MODE;
    expect(await run('rollback', '--steps', '2')).toMatchObject({ code: 0, json: { value: { rolledBack: [2, 1] } } });
    expect((await run('validate')).json.error.code).toBe('E_DB_SCHEMA_INVALID');
  });
});
