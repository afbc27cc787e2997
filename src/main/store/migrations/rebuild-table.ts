/**
 * SQLite's documented way to change a table's constraints (ALTER TABLE can't
 * change a CHECK): create the new table, copy the rows, drop the old one,
 * rename the new one into place, then re-create the old table's indexes and
 * triggers from their saved SQL. Runs inside the migration's transaction; the
 * runner turns foreign keys off around it (`Migration.rebuildsTables`) and
 * checks them before committing, which this helper insists on: with foreign
 * keys on, dropping a parent table would delete its children's rows.
 */
import type { Db } from '../database';

interface SchemaRow { type: 'index' | 'trigger'; name: string; sql: string | null }

export interface Rebuild {
  table: string;
  /** Exact fragments of the table's CREATE statement and their replacements; each must occur once. */
  replace: Array<[from: string, to: string]>;
  /** Per-column SQL expressions for the copy (default: the column itself), e.g. to map values a new CHECK refuses. */
  select?: Record<string, string>;
}

export function rebuildTable(db: Db, { table, replace, select = {} }: Rebuild): void {
  if (db.pragma('foreign_keys', { simple: true }) !== 0) {
    throw new Error(`refusing to rebuild ${table} with foreign keys on (its children would be deleted)`);
  }
  const createSql = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`).pluck().get(table) as string | undefined;
  if (!createSql) throw new Error(`table ${table} does not exist`);
  let newSql = createSql;
  for (const [from, to] of replace) {
    const count = newSql.split(from).length - 1;
    if (count !== 1) throw new Error(`expected "${from}" once in the definition of ${table}, found it ${count} times`);
    newSql = newSql.replace(from, to);
  }
  const temp = `${table}__rebuild`;
  newSql = newSql.replace(/^CREATE TABLE\s+("?)[A-Za-z_][A-Za-z0-9_]*\1/, `CREATE TABLE "${temp}"`);
  // Indexes and triggers go with the old table: keep their SQL to re-create them (auto-indexes have none).
  const attached = db.prepare(`SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL`).all(table) as SchemaRow[];
  const columns = (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]);
  const quoted = columns.map((c) => `"${c}"`).join(', ');
  const exprs = columns.map((c) => select[c] ?? `"${c}"`).join(', ');

  db.exec(newSql);
  db.exec(`INSERT INTO "${temp}" (${quoted}) SELECT ${exprs} FROM "${table}"`);
  db.exec(`DROP TABLE "${table}"`);
  db.exec(`ALTER TABLE "${temp}" RENAME TO "${table}"`);
  for (const row of attached) db.exec(row.sql!);
}
