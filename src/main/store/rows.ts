/**
 * Row mapping shared by the repositories: camelCase properties <-> snake_case
 * columns, JSON fields stored in `<name>_json` columns, booleans as 0/1.
 * Hand-written because it is twenty lines; an ORM would hide the SQL the
 * migrations and indexes are designed around.
 */
import type { Db } from './database';
import type { RunResult, Statement } from './sqlite';

/** Properties stored as JSON text in a `<snake>_json` column. */
const JSON_FIELDS = new Set(['details', 'address', 'clientContext', 'listVersions', 'factors', 'matches', 'recommendations', 'payload']);
const BOOLEAN_COLUMNS = new Set(['legal_hold', 'granted']);

const snake = (k: string): string => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (k: string): string => k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export function toRow(obj: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined) continue;
    if (JSON_FIELDS.has(k)) row[`${snake(k)}_json`] = v === null ? null : JSON.stringify(v);
    else row[snake(k)] = typeof v === 'boolean' ? (v ? 1 : 0) : v;
  }
  return row;
}

export function fromRow<T>(row: unknown): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row as Record<string, unknown>)) {
    if (k.endsWith('_json')) out[camel(k.slice(0, -5))] = typeof v === 'string' ? JSON.parse(v) as unknown : null;
    else if (BOOLEAN_COLUMNS.has(k)) out[camel(k)] = v === 1;
    else out[camel(k)] = v;
  }
  return out as T;
}

const cache = new WeakMap<Db, Map<string, Statement>>();

/** A prepared statement, cached per connection. */
export function stmt(db: Db, sql: string): Statement {
  let map = cache.get(db);
  if (!map) cache.set(db, (map = new Map()));
  let s = map.get(sql);
  if (!s) map.set(sql, (s = db.prepare(sql)));
  return s;
}

export function insertRow(db: Db, table: string, obj: Record<string, unknown>): RunResult {
  const row = toRow(obj);
  const cols = Object.keys(row);
  return stmt(db, `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
}

/** UPDATE table SET ... WHERE key = @key; returns the number of rows changed. */
export function updateRow(db: Db, table: string, key: string, keyValue: unknown, changes: Record<string, unknown>): number {
  const row = toRow(changes);
  const cols = Object.keys(row);
  if (cols.length === 0) return 0;
  return stmt(db, `UPDATE ${table} SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE ${key} = @__key`).run({ ...row, __key: keyValue }).changes;
}
