/**
 * The migration runner: migrate | status | validate | rollback, the version in
 * `PRAGMA user_version`. Each step runs in its own transaction together with
 * the user_version change, so a crash leaves the database at a whole version.
 * A database newer than the app is refused before anything touches it.
 */
import { KioskError } from '../../../shared/errors';
import type { AppMode } from '../../../shared/ipc/app';
import { translateSqliteError, type Db } from '../database';
import { StoreErrorCode } from '../errors';
import { EXPECTED_SCHEMA } from './expected-schema';
import type { Migration } from './types';

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function assertNotNewerThanApp(db: Db, migrations: readonly Migration[]): void {
  const current = schemaVersion(db);
  const latest = migrations.length;
  if (current > latest) {
    throw new KioskError(StoreErrorCode.DB_NEWER_THAN_APP,
      `This database was written by a newer version of the kiosk (schema ${current}; this app knows up to ${latest}). Update the kiosk app; the data was not touched.`,
      { current, latest });
  }
}

function step(db: Db, migration: Migration, direction: 'up' | 'down'): void {
  const target = direction === 'up' ? migration.version : migration.version - 1;
  // PRAGMA foreign_keys is a no-op inside a transaction: it is switched around it.
  const foreignKeys = migration.rebuildsTables ? (db.pragma('foreign_keys', { simple: true }) as number) : 0;
  if (foreignKeys) db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      migration[direction](db);
      if (migration.rebuildsTables) {
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) throw new Error(`foreign key check failed on ${broken.length} row(s) after the rebuild`);
      }
      db.pragma(`user_version = ${target}`);
    }).immediate();
  } catch (e) {
    const err = translateSqliteError(e, `apply migration ${migration.version} (${direction})`);
    if (err.code === StoreErrorCode.DISK_FULL) throw err;
    throw new KioskError(StoreErrorCode.MIGRATION_FAILED,
      `Migration ${migration.version} "${migration.name}" (${direction}) failed; the database stays at its previous version.`,
      { version: migration.version, direction }, { cause: e });
  } finally {
    if (foreignKeys) db.pragma('foreign_keys = ON');
  }
}

export interface MigrationStep { version: number; name: string }

export function migrate(db: Db, migrations: readonly Migration[], target = migrations.length): { from: number; to: number; applied: MigrationStep[] } {
  assertNotNewerThanApp(db, migrations);
  const from = schemaVersion(db);
  const applied: MigrationStep[] = [];
  for (const m of migrations) {
    if (m.version <= from || m.version > target) continue;
    step(db, m, 'up');
    applied.push({ version: m.version, name: m.name });
  }
  return { from, to: schemaVersion(db), applied };
}

export interface MigrationStatus {
  current: number;
  latest: number;
  newerThanApp: boolean;
  applied: MigrationStep[];
  pending: MigrationStep[];
}

export function migrationStatus(db: Db, migrations: readonly Migration[]): MigrationStatus {
  const current = schemaVersion(db);
  const describe = (m: Migration): MigrationStep => ({ version: m.version, name: m.name });
  return {
    current,
    latest: migrations.length,
    newerThanApp: current > migrations.length,
    applied: migrations.filter((m) => m.version <= current).map(describe),
    pending: migrations.filter((m) => m.version > current).map(describe),
  };
}

/** Rolls back to `target` (default: one step). Development mode only: down migrations drop data. */
export function rollback(db: Db, migrations: readonly Migration[], mode: AppMode, target?: number): { from: number; to: number; reverted: MigrationStep[] } {
  if (mode !== 'development') {
    throw new KioskError(StoreErrorCode.ROLLBACK_FORBIDDEN, `Rollback drops data and runs only in development mode (this kiosk is in ${mode} mode).`, { mode });
  }
  assertNotNewerThanApp(db, migrations);
  const from = schemaVersion(db);
  const to = target ?? Math.max(0, from - 1);
  if (to < 0 || to > from) throw new KioskError(StoreErrorCode.BAD_STATE, `Cannot roll back from version ${from} to ${to}.`, { from, to });
  const reverted: MigrationStep[] = [];
  for (const m of [...migrations].reverse()) {
    if (m.version > from || m.version <= to) continue;
    step(db, m, 'down');
    reverted.push({ version: m.version, name: m.name });
  }
  return { from, to: schemaVersion(db), reverted };
}

export interface SchemaValidation {
  ok: boolean;
  version: number;
  latest: number;
  problems: string[];
}

interface ColumnRow { name: string }
interface IndexRow { name: string; origin: string }
interface ForeignKeyRow { table: string; from: string; to: string }

/** Compares the live schema with EXPECTED_SCHEMA: tables, columns (in order), named indexes, foreign keys, triggers, named CHECKs. */
export function validateSchema(db: Db, migrations: readonly Migration[], expected = EXPECTED_SCHEMA): SchemaValidation {
  const version = schemaVersion(db);
  const problems: string[] = [];
  if (version !== migrations.length) problems.push(`schema version is ${version}, the app expects ${migrations.length}`);
  const tables = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[]));
  const triggers = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).pluck().all() as string[]));
  for (const [table, want] of Object.entries(expected)) {
    if (!tables.has(table)) {
      problems.push(`table ${table} is missing`);
      continue;
    }
    const columns = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as ColumnRow[]).map((c) => c.name);
    for (const c of want.columns) if (!columns.includes(c)) problems.push(`column ${table}.${c} is missing`);
    for (const c of columns) if (!want.columns.includes(c)) problems.push(`column ${table}.${c} is not expected`);
    const indexes = (db.prepare(`SELECT name, origin FROM pragma_index_list(?)`).all(table) as IndexRow[]).filter((i) => i.origin === 'c').map((i) => i.name);
    for (const i of want.indexes) if (!indexes.includes(i)) problems.push(`index ${i} on ${table} is missing`);
    for (const i of indexes) if (!want.indexes.includes(i)) problems.push(`index ${i} on ${table} is not expected`);
    const fks = (db.prepare(`SELECT "table", "from", "to" FROM pragma_foreign_key_list(?)`).all(table) as ForeignKeyRow[]).map((f) => `${f.from} -> ${f.table}(${f.to})`);
    for (const f of want.foreignKeys) if (!fks.includes(f)) problems.push(`foreign key ${table}.${f} is missing`);
    for (const f of fks) if (!want.foreignKeys.includes(f)) problems.push(`foreign key ${table}.${f} is not expected`);
    for (const t of want.triggers ?? []) if (!triggers.has(t)) problems.push(`trigger ${t} on ${table} is missing`);
    if (want.checks?.length) {
      const sql = (db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`).pluck().get(table) as string).replace(/\s+/g, ' ');
      for (const c of want.checks) if (!sql.includes(c)) problems.push(`check ${c} on ${table} is missing`);
    }
  }
  for (const t of tables) if (!(t in expected)) problems.push(`table ${t} is not expected`);
  return { ok: problems.length === 0, version, latest: migrations.length, problems };
}
