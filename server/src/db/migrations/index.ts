/** Every migration, in order. Add new files here with the next number. */
import { seedSchema } from './001_seed_schema';
import { ingestion } from './002_ingestion';
import type { Migration } from './types';

export const migrations: Migration[] = [seedSchema, ingestion];
export type { Migration };
