import type { Db } from '../database';

/** One numbered migration. `up` and `down` run inside the runner's transaction; neither sets user_version. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Db): void;
  down(db: Db): void;
}
