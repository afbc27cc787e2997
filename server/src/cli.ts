/**
 * The central API's own command line: `migrate | status | validate | rollback
 * | start`, each with `--json`. `npx vdex server ...` runs this file as a child
 * process (the kiosk code never imports server/). Output matches the kiosk
 * CLI: `{ ok: true, value }` or `{ ok: false, error: { code, message } }`.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from './db/database';
import { MigrationError, Migrator } from './db/migrator';
import { optionsFromEnv, startCentralApi } from './start';

type Out = { ok: true; value: unknown; text: string } | { ok: false; error: { code: string; message: string } };

export async function runServerCli(argv: string[], io = { out: (s: string) => void process.stdout.write(`${s}\n`) }): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, steps: { type: 'string' }, port: { type: 'string' }, 'data-dir': { type: 'string' }, lists: { type: 'string' } },
  });
  const verb = positionals[0];
  const env = optionsFromEnv();
  if (values['data-dir']) env.dataDir = path.resolve(values['data-dir']);
  if (values.port) env.port = Number(values.port);
  if (values.lists) env.listsDir = path.resolve(values.lists);
  const print = (o: Out) => {
    io.out(values.json ? JSON.stringify(o.ok ? { ok: true, value: o.value } : o, null, 2) : o.ok ? o.text : `${o.error.code}: ${o.error.message}`);
    return o.ok ? 0 : 1;
  };

  if (verb === 'start') {
    const api = await startCentralApi(env);
    // The watchlist key is public: the kiosk's demo launcher reads it here to trust the demo bundle.
    const lists = api.watchlists ? `\nwatchlists ${api.watchlists.version} (${api.watchlists.entities} entities), key ${api.watchlists.keyId}` : '';
    print({ ok: true, value: { url: api.url, engine: api.db.kind, ...(api.watchlists ? { watchlists: api.watchlists } : {}) }, text: `V-DEX central API (${api.db.kind}) at ${api.url}${lists}` });
    if (!env.adminToken) io.out(values.json ? JSON.stringify({ adminToken: api.adminToken }) : `admin token (this run only): ${api.adminToken}`);
    const stop = () => void api.close().finally(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    return await new Promise<number>(() => undefined);
  }
  if (!verb || !['migrate', 'status', 'validate', 'rollback'].includes(verb)) {
    return print({ ok: false, error: { code: 'E_CLI_USAGE', message: 'usage: vdex server migrate|status|validate|rollback|start [--json] [--steps N] [--port N] [--data-dir DIR] [--lists DIR]' } });
  }
  const db = await openDatabase({
    ...(env.databaseUrl ? { url: env.databaseUrl } : {}),
    ...(env.dataDir ? { dataDir: path.join(env.dataDir, 'pglite') } : {}),
  });
  const m = new Migrator(db);
  try {
    if (verb === 'migrate') {
      const applied = await m.migrate();
      return print({ ok: true, value: { applied, engine: db.kind }, text: applied.length ? `applied ${applied.join(', ')}` : 'up to date' });
    }
    if (verb === 'status') {
      const status = await m.status();
      return print({ ok: true, value: { migrations: status, engine: db.kind }, text: status.map((s) => `${String(s.version).padStart(3, '0')} ${s.name.padEnd(16)} ${s.state}`).join('\n') });
    }
    if (verb === 'validate') {
      const v = await m.validate();
      if (!v.ok) return print({ ok: false, error: { code: 'E_DB_SCHEMA_INVALID', message: v.problems.map((p) => `${p.table}: ${p.problem}`).join('; ') } });
      return print({ ok: true, value: v, text: `schema valid: ${v.tables} tables` });
    }
    const undone = await m.rollback({ steps: Number(values.steps ?? 1), production: env.production ?? false });
    return print({ ok: true, value: { rolledBack: undone }, text: `rolled back ${undone.join(', ') || 'nothing'}` });
  } catch (e) {
    if (e instanceof MigrationError) return print({ ok: false, error: { code: e.code, message: e.message } });
    throw e;
  } finally {
    await db.close();
  }
}

if (process.argv[1] && /server[\\/]src[\\/]cli\.ts$/.test(process.argv[1])) {
  runServerCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  }, (e: unknown) => {
    process.stdout.write(`${JSON.stringify({ ok: false, error: { code: 'E_SERVER_FAILED', message: e instanceof Error ? e.message.replace(/postgres:\/\/\S+/g, 'postgres://…') : 'failed' } })}\n`);
    process.exitCode = 1;
  });
}
