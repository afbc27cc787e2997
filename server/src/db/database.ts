/**
 * One query interface over two engines: `pg` (a real PostgreSQL, when
 * DATABASE_URL is set) and PGlite (PostgreSQL compiled to WASM, in-process:
 * the demo default, so a newcomer needs no database server). Both speak the
 * same SQL, so migrations and queries are written once.
 */
import pg from 'pg';

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Queryable {
  /**
   * `name` makes it a prepared statement on `pg` (parsed and planned once per connection, then reused):
   * for the few statements every sync request runs. PGlite ignores it.
   */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], options?: { name?: string }): Promise<QueryResult<T>>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `fn` in one transaction: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://... ; absent: embedded PGlite. */
  url?: string;
  /** PGlite data folder; absent: in memory. */
  dataDir?: string;
  /** pg pool size (VDEX_DB_POOL_SIZE for `vdex server start`). */
  poolSize?: number;
}

// BIGINT as a JS number: our sequences stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  // 10: against 4 (2 per core here), npm run load on this shared 2-core host did not tell them apart (items/s went
  // both ways run to run; PostgreSQL CPU per item was ~15% lower with 4). VDEX_DB_POOL_SIZE sets it per deployment.
  return options.url ? openPostgres(options.url, options.poolSize ?? 10) : openPglite(options.dataDir);
}

function openPostgres(url: string, max: number): Database {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => undefined);
  const wrap = (c: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params?: unknown[], options?: { name?: string }) {
      const r = options?.name ? await c.query({ name: options.name, text: sql, values: params as unknown[] }) : await c.query(sql, params as unknown[]);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
    },
    async exec(sql: string) {
      await c.query(sql);
    },
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const out = await fn(wrap(client));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw e;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  await db.waitReady;
  type Pg = Pick<typeof db, 'query' | 'exec'>;
  const wrap = (c: Pg): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      const r = await c.query<T>(sql, params as unknown[]);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    async exec(sql: string) {
      await c.exec(sql);
    },
  });
  return {
    kind: 'pglite',
    ...wrap(db),
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    close: () => db.close(),
  };
}
