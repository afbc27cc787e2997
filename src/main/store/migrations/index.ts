/** Every migration, in order. Add a file `NNN-what.ts` with its own test and list it here. */
import { migration001 } from './001-initial-schema';
import { migration002 } from './002-kyc-drafts';
import { migration003 } from './003-ovd-method-read-out-consent';
import type { Migration } from './types';

export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003];
export const LATEST_VERSION = MIGRATIONS.length;
export type { Migration } from './types';
export { migrate, migrationStatus, rollback, validateSchema, schemaVersion, assertNotNewerThanApp } from './runner';
export type { MigrationStatus, SchemaValidation } from './runner';
