/**
 * Opening the SQLCipher database: cipher pragmas before the raw key on every
 * open, a read to prove the key, then WAL, foreign keys, a busy timeout and
 * synchronous=FULL (a commit the agent is told is saved survives a power cut).
 * Known failures become handled KioskErrors, never a crash.
 */
import { existsSync } from 'node:fs';
import { KioskError } from '../../shared/errors';
import { StoreErrorCode } from './errors';
import { Database } from './sqlite';

export type Db = Database;

export interface OpenOptions {
  /** 32-byte raw key: SQLCipher v4 mode. Absent only for the plain-SQLite benchmark baseline. */
  key?: Buffer;
  busyTimeoutMs?: number;
  readonly?: boolean;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  let db: Db;
  try {
    db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (e) {
    throw new KioskError(StoreErrorCode.OPEN_FAILED, 'The kiosk could not open its database file. Check the data folder exists and is writable.', { code: sqliteCode(e) }, { cause: e });
  }
  try {
    if (options.key) {
      if (options.key.length !== 32) throw new KioskError(StoreErrorCode.KEY_UNAVAILABLE, 'The database key has the wrong length; the key store may be damaged.');
      db.pragma(`cipher='sqlcipher'`);
      db.pragma('legacy=4');
      db.pragma(`key="x'${options.key.toString('hex')}'"`);
    }
    // The first read decrypts page 1: a wrong key fails here with SQLITE_NOTADB.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    if (!options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (e) {
    db.close();
    if (e instanceof KioskError) throw e;
    const code = sqliteCode(e);
    if (code === 'SQLITE_NOTADB') {
      throw new KioskError(StoreErrorCode.WRONG_KEY, options.key
        ? 'The database cannot be read with the key in this kiosk\'s key store (wrong key or a damaged file). Nothing was changed; call support.'
        : 'The database file is encrypted or damaged and cannot be opened without its key.', { code });
    }
    throw translateSqliteError(e, 'open the database');
  }
}

/** SQLITE_FULL and friends as clear, stable errors. Unknown errors keep a generic message. */
export function translateSqliteError(e: unknown, doing: string): KioskError {
  if (e instanceof KioskError) return e;
  const code = sqliteCode(e);
  if (code === 'SQLITE_FULL') {
    return new KioskError(StoreErrorCode.DISK_FULL, `The kiosk's storage is full, so it could not ${doing}. Nothing was saved. Free space or sync the queue, then try again.`, { code }, { cause: e });
  }
  if (code === 'SQLITE_NOTADB') {
    return new KioskError(StoreErrorCode.WRONG_KEY, 'The database cannot be read with this key.', { code }, { cause: e });
  }
  return new KioskError(StoreErrorCode.WRITE_FAILED, `The kiosk could not ${doing} in its database.`, { code: code ?? 'unknown' }, { cause: e });
}

export function sqliteCode(e: unknown): string | undefined {
  return e && typeof e === 'object' && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

export const databaseExists = (file: string): boolean => existsSync(file);

/** Runs fn in an IMMEDIATE transaction (takes the write lock up front: no upgrade deadlocks). */
export function inTransaction<T>(db: Db, doing: string, fn: () => T): T {
  try {
    return db.transaction(fn).immediate();
  } catch (e) {
    throw translateSqliteError(e, doing);
  }
}
