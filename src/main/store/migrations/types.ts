import type { Db } from '../database';

/** One numbered migration. `up` and `down` run inside the runner's transaction; neither sets user_version. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Db): void;
  down(db: Db): void;
  /**
   * Rebuilds a table that others reference (SQLite changes a CHECK only by a rebuild): the runner
   * turns foreign keys off around the step's transaction, as SQLite's ALTER TABLE procedure
   * requires (dropping the old parent table would otherwise cascade to its children), and runs
   * `PRAGMA foreign_key_check` before committing.
   */
  readonly rebuildsTables?: boolean;
}
