/**
 * The migration runner: migrate, status, validate, rollback. Applied versions
 * live in `schema_migrations` with a checksum of their SQL, so an edited
 * migration is reported instead of silently skipped. Each migration runs in
 * its own transaction.
 */
import { createHash } from 'node:crypto';
import type { Database } from './database';
import { expectedSchema } from './expected-schema';
import { migrations as allMigrations, type Migration } from './migrations';

export interface MigrationStatus {
  version: number;
  name: string;
  state: 'applied' | 'pending' | 'changed';
  appliedAt?: string;
}

export interface ValidationProblem {
  table: string;
  problem: string;
}

export class MigrationError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

const checksum = (m: Migration) => createHash('sha256').update(m.up).digest('hex');

export class Migrator {
  constructor(private readonly db: Database, private readonly migrations: Migration[] = allMigrations) {}

  private async ensureTable(): Promise<void> {
    await this.db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL,
      applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
  }

  private async applied(): Promise<Map<number, { checksum: string; applied_at: string }>> {
    await this.ensureTable();
    const { rows } = await this.db.query<{ version: number; checksum: string; applied_at: Date }>(
      'SELECT version, checksum, applied_at FROM schema_migrations ORDER BY version',
    );
    return new Map(rows.map((r) => [Number(r.version), { checksum: r.checksum, applied_at: new Date(r.applied_at).toISOString() }]));
  }

  async status(): Promise<MigrationStatus[]> {
    const applied = await this.applied();
    return this.migrations.map((m) => {
      const a = applied.get(m.version);
      if (!a) return { version: m.version, name: m.name, state: 'pending' };
      return { version: m.version, name: m.name, state: a.checksum === checksum(m) ? 'applied' : 'changed', appliedAt: a.applied_at };
    });
  }

  /** Applies every pending migration in order; returns the versions applied. */
  async migrate(): Promise<number[]> {
    const applied = await this.applied();
    const newest = Math.max(0, ...applied.keys());
    const known = Math.max(0, ...this.migrations.map((m) => m.version));
    if (newest > known) {
      throw new MigrationError('E_DB_TOO_NEW', `The database is at version ${newest}, newer than this server (${known}).`);
    }
    const done: number[] = [];
    for (const m of this.migrations) {
      if (applied.has(m.version)) continue;
      await this.db.transaction(async (tx) => {
        await tx.exec(m.up);
        await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, checksum(m)]);
      });
      done.push(m.version);
    }
    return done;
  }

  /** Undoes the newest `steps` migrations. Refused in production: it drops data. */
  async rollback(options: { steps?: number; production: boolean }): Promise<number[]> {
    if (options.production) {
      throw new MigrationError('E_DB_ROLLBACK_IN_PRODUCTION', 'Rollback drops data and is refused in production. Restore from a backup instead.');
    }
    const applied = [...(await this.applied()).keys()].sort((a, b) => b - a).slice(0, options.steps ?? 1);
    const undone: number[] = [];
    for (const version of applied) {
      const m = this.migrations.find((x) => x.version === version);
      if (!m) throw new MigrationError('E_DB_UNKNOWN_MIGRATION', `Migration ${version} is not known to this server.`);
      await this.db.transaction(async (tx) => {
        await tx.exec(m.down);
        await tx.query('DELETE FROM schema_migrations WHERE version = $1', [version]);
      });
      undone.push(version);
    }
    return undone;
  }

  /** Checks tables, column counts, indexes and foreign keys against the expected schema. */
  async validate(): Promise<{ ok: boolean; problems: ValidationProblem[]; tables: number }> {
    const problems: ValidationProblem[] = [];
    const pending = (await this.status()).filter((s) => s.state !== 'applied');
    for (const p of pending) problems.push({ table: 'schema_migrations', problem: `migration ${p.version} ${p.name} is ${p.state}` });
    const cols = await this.db.query<{ table_name: string; n: number }>(
      `SELECT table_name, count(*)::int AS n FROM information_schema.columns WHERE table_schema = 'public' GROUP BY table_name`,
    );
    const colCount = new Map(cols.rows.map((r) => [r.table_name, Number(r.n)]));
    const idx = await this.db.query<{ tablename: string; indexname: string }>(
      `SELECT tablename, indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%_pkey'`,
    );
    const fks = await this.db.query<{ table_name: string; column_name: string; ref_table: string; delete_rule: string }>(
      `SELECT kcu.table_name, kcu.column_name, ccu.table_name AS ref_table, rc.delete_rule
         FROM information_schema.referential_constraints rc
         JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = rc.constraint_name AND kcu.constraint_schema = rc.constraint_schema
         JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = rc.unique_constraint_name AND ccu.constraint_schema = rc.unique_constraint_schema
        WHERE rc.constraint_schema = 'public'`,
    );
    for (const [table, want] of Object.entries(expectedSchema)) {
      const n = colCount.get(table);
      if (n === undefined) {
        problems.push({ table, problem: 'table is missing' });
        continue;
      }
      if (n !== want.columns) problems.push({ table, problem: `has ${n} columns, expected ${want.columns}` });
      const have = new Set(idx.rows.filter((r) => r.tablename === table).map((r) => r.indexname));
      for (const name of want.indexes) if (!have.has(name)) problems.push({ table, problem: `index ${name} is missing` });
      for (const name of have) if (!want.indexes.includes(name)) problems.push({ table, problem: `unexpected index ${name}` });
      const haveFks = fks.rows.filter((r) => r.table_name === table);
      for (const fk of want.foreignKeys) {
        const match = haveFks.find((r) => r.column_name === fk.column && r.ref_table === fk.references);
        if (!match) problems.push({ table, problem: `foreign key ${fk.column} -> ${fk.references} is missing` });
        else if (match.delete_rule !== fk.onDelete) problems.push({ table, problem: `foreign key ${fk.column} -> ${fk.references} is ON DELETE ${match.delete_rule}, expected ${fk.onDelete}` });
      }
      if (haveFks.length !== want.foreignKeys.length) problems.push({ table, problem: `has ${haveFks.length} foreign keys, expected ${want.foreignKeys.length}` });
    }
    return { ok: problems.length === 0, problems, tables: Object.keys(expectedSchema).length };
  }
}
