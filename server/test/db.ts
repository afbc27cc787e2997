/** Per-test-file database on the shared test PostgreSQL (see pg-global-setup.ts). */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createDatabaseName } from '../../test/support/postgres';
import { openDatabase, type Database } from '../src/db/database';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test PostgreSQL's URL, from pg-global-setup.ts. */
    pgUrl: string;
  }
}

export async function freshDatabase(): Promise<{ db: Database; url: string }> {
  const url = createDatabaseName(inject('pgUrl'), `t_${randomBytes(6).toString('hex')}`);
  return { db: await openDatabase({ url }), url };
}
