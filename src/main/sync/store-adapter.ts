/**
 * The sync engine's ports over the kiosk store: the outbox and audit log as
 * they are, and `sync_cursors` (in the same SQLCipher file, so the device's
 * private key and the audit cursor are encrypted at rest under the keychain key).
 */
import type { Store } from '../store';
import type { AuditPort, CursorPort, OutboxPort } from './ports';

export function storeCursors(store: Pick<Store, 'db'>): CursorPort {
  return {
    get: (name) => (store.db.prepare('SELECT value FROM sync_cursors WHERE name = ?').pluck(true).get(name) as string | undefined) ?? undefined,
    set: (name, value) => void store.db.prepare(
      `INSERT INTO sync_cursors (name, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    ).run(name, value, new Date().toISOString()),
  };
}

export function storePorts(store: Pick<Store, 'db' | 'outbox' | 'audit'>): { outbox: OutboxPort; audit: AuditPort; cursors: CursorPort } {
  // The repository's marks join the caller's transaction, so a batch's acknowledgements commit together.
  const outbox: OutboxPort = Object.assign(Object.create(store.outbox) as OutboxPort, { atomically: <T>(fn: () => T): T => store.db.transaction(fn)() });
  return { outbox, audit: store.audit, cursors: storeCursors(store) };
}
