/**
 * Runs inside `dbus-run-session` with an unlocked gnome-keyring (see
 * keys/keytar-key-store.test.ts): the real keytar against a real Secret
 * Service. Prints one JSON line with what it saw.
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { KioskError } from '../../../shared/errors';
import { KeytarKeyStore } from '../keys/keytar-key-store';
import { Store } from '../store';
import { sampleOnboarding, seedAgent } from './fixtures';

const [dataDir] = process.argv.slice(2) as [string];
const service = `vdex-test-${randomUUID()}`;
const result: Record<string, unknown> = {};
const code = async (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof KioskError ? e.code : String(e)));

const first = await Store.open({ dataDir, mode: 'production', keyStore: new KeytarKeyStore(service) });
result.backend = first.keyStoreBackend;
seedAgent(first);
const { record } = first.onboardings.commit(sampleOnboarding());
first.close();

const keytar = createRequire(import.meta.url)('keytar') as { getPassword(s: string, a: string): Promise<string | null>; deletePassword(s: string, a: string): Promise<boolean> };
const dbKey = await keytar.getPassword(service, 'database');
const vaultKey = await keytar.getPassword(service, 'vault');
result.keysInKeyring = /^[0-9a-f]{64}$/.test(dbKey ?? '') && /^[0-9a-f]{64}$/.test(vaultKey ?? '') && dbKey !== vaultKey;

const again = await Store.open({ dataDir, mode: 'production', keyStore: new KeytarKeyStore(service) });
result.reopenedRecord = again.records.get(record.id).reference === record.reference;
again.close();

// Another install's keychain entry (no key for this file): handled, no new key made.
result.otherService = await code(Store.open({ dataDir, mode: 'production', keyStore: new KeytarKeyStore(`${service}-other`) }));
await keytar.deletePassword(service, 'database');
await keytar.deletePassword(service, 'vault');
result.afterDelete = await code(Store.open({ dataDir, mode: 'production', keyStore: new KeytarKeyStore(service) }));
process.stdout.write(`${JSON.stringify(result)}\n`);
