/**
 * `vdex db migrate|status|validate|rollback|audit-verify`: the encrypted local
 * store, for support staff. Opens the kiosk's database with the kiosk's key
 * store (the keychain in production), never migrating as a side effect of
 * status, validate or audit-verify. Rollback runs only in development mode
 * (VDEX_MODE=development).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { KioskError } from '../../shared/errors';
import { loadConfig } from '../../main/config';
import { DATABASE_FILE, LATEST_VERSION, MIGRATIONS, Store, StoreErrorCode } from '../../main/store';
import { databaseExists } from '../../main/store/database';
import { chooseKeyStore } from '../../main/store/keys/select';
import { migrate, rollback } from '../../main/store/migrations';
import { report, type CliCommand } from '../command';

const usage = [
  'vdex db migrate [--to N] [--data-dir DIR] [--json]      bring the schema up to date (or to version N)',
  'vdex db status [--data-dir DIR] [--json]                schema version, pending migrations, key store, queue',
  'vdex db validate [--data-dir DIR] [--json]              tables, columns, indexes, foreign keys as the code expects',
  'vdex db rollback [--to N] [--data-dir DIR] [--json]     undo migrations (development mode only: drops data)',
  'vdex db audit-verify [--data-dir DIR] [--json]          walk the audit hash chain; names the first broken entry',
].join('\n');

const ACTIONS = ['migrate', 'status', 'validate', 'rollback', 'audit-verify'] as const;
type Action = (typeof ACTIONS)[number];

export const dbCommand: CliCommand = {
  name: 'db',
  summary: 'Encrypted local store: migrate, status, validate, rollback, audit-verify',
  usage,
  async run(args, io) {
    const [action, ...rest] = args;
    const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' }, 'data-dir': { type: 'string' }, to: { type: 'string' } } });
    const json = values.json ?? false;
    if (!ACTIONS.includes(action as Action)) {
      return report(io, json, { ok: false, error: { code: 'E_CLI_USAGE', message: `Unknown db action "${action ?? ''}".\nUsage:\n${usage}` }, exitCode: 2 });
    }
    const to = values.to === undefined ? undefined : Number(values.to);
    if (to !== undefined && (!Number.isInteger(to) || to < 0)) {
      return report(io, json, { ok: false, error: { code: 'E_CLI_USAGE', message: '--to takes a schema version (0 or more).' }, exitCode: 2 });
    }
    const config = loadConfig(values['data-dir'] ? { dataDir: values['data-dir'], demoPeers: false } : { demoPeers: false });
    const file = path.join(config.dataDir, DATABASE_FILE);

    if (action === 'status' && !databaseExists(file)) {
      const value = { file, exists: false, current: 0, latest: LATEST_VERSION, pending: MIGRATIONS.map((m) => ({ version: m.version, name: m.name })) };
      return report(io, json, { ok: true, value, text: `No database yet at ${file} (the kiosk creates it on first start).` });
    }
    if (action !== 'migrate' && !databaseExists(file)) {
      return report(io, json, { ok: false, error: { code: StoreErrorCode.NOT_FOUND, message: `No database at ${file}.` } });
    }

    const keyStore = chooseKeyStore({ mode: config.mode, dataDir: config.dataDir });
    const store = await Store.open({ dataDir: config.dataDir, mode: config.mode, keyStore, migrate: false });
    try {
      const version = store.status().current;
      if ((action === 'audit-verify' || action === 'status') && version < LATEST_VERSION) {
        if (action === 'status') return report(io, json, { ok: true, value: { ...store.status(), exists: true }, text: `Schema ${version} of ${LATEST_VERSION}: run \`vdex db migrate\`.` });
        return report(io, json, { ok: false, error: { code: StoreErrorCode.SCHEMA_INVALID, message: `The schema is at version ${version} of ${LATEST_VERSION}; run \`vdex db migrate\` first.` } });
      }
      switch (action as Action) {
        case 'migrate': {
          const r = migrate(store.db, MIGRATIONS, to ?? LATEST_VERSION);
          return report(io, json, { ok: true, value: r, text: r.applied.length ? `Migrated ${r.from} -> ${r.to}: ${r.applied.map((m) => `${m.version} ${m.name}`).join(', ')}` : `Up to date at version ${r.to}.` });
        }
        case 'status': {
          const s = { ...store.status(), exists: true, outbox: store.outbox.stats(), auditEntries: store.audit.count() };
          const text = [`database   ${s.file}`, `key store  ${s.keyStore}`, `schema     ${s.current} of ${s.latest}${s.pending.length ? ` (pending: ${s.pending.map((m) => m.version).join(', ')})` : ''}`,
            `outbox     ${s.outbox.pending} pending, ${s.outbox.sending} sending, ${s.outbox.rejected} rejected, ${s.outbox.applied + s.outbox.duplicate} done`, `audit      ${s.auditEntries} entries`].join('\n');
          return report(io, json, { ok: true, value: s, text });
        }
        case 'validate': {
          const v = store.validate();
          if (v.ok) return report(io, json, { ok: true, value: v, text: `Schema version ${v.version} matches what the app expects.` });
          return report(io, json, { ok: false, error: { code: StoreErrorCode.SCHEMA_INVALID, message: `The schema differs from what the app expects:\n- ${v.problems.join('\n- ')}`, details: { problems: v.problems, version: v.version } } });
        }
        case 'rollback': {
          const r = rollback(store.db, MIGRATIONS, config.mode, to);
          return report(io, json, { ok: true, value: r, text: `Rolled back ${r.from} -> ${r.to}.` });
        }
        case 'audit-verify': {
          const started = performance.now();
          const v = store.audit.verify();
          const ms = Math.round(performance.now() - started);
          if (v.ok) return report(io, json, { ok: true, value: { ...v, ms }, text: `Audit chain intact: ${v.checked} entries verified in ${ms} ms.` });
          return report(io, json, { ok: false, error: { code: 'E_STORE_AUDIT_BROKEN', message: `Audit chain broken at entry ${v.firstBroken.seq}: ${v.firstBroken.message}.`, details: { ...v.firstBroken, checked: v.checked } } });
        }
      }
      throw new KioskError('E_CLI_USAGE', usage);
    } finally {
      store.close();
    }
  },
};
