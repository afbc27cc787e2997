/**
 * Vitest global setup for the server tests: one real PostgreSQL 15 for the
 * whole run (each test file makes its own database on it), stopped at the end.
 */
import type { TestProject } from 'vitest/node';
import { startPostgres } from '../../test/support/postgres';

import type {} from './db';

export default async function setup(project: TestProject): Promise<() => void> {
  const pg = await startPostgres();
  project.provide('pgUrl', pg.url);
  return () => pg.stop();
}
