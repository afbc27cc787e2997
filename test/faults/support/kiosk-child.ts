/**
 * The kiosk sync process of the kill -9 test: opens the kiosk store, keeps
 * capturing onboardings and syncing them to the central API until the parent
 * kills it with SIGKILL. Prints `SYNCING` once its first batch has gone out.
 */
import { writeSync } from 'node:fs';
import { FileKeyStore, Store } from '../../../src/main/store';
import { sampleOnboarding, seedAgent } from '../../../src/main/store/test-support/fixtures';
import { CentralApiClient, type DeviceIdentity } from '../../../src/main/sync/client';
import { SyncEngine } from '../../../src/main/sync/engine';
import { storePorts } from '../../../src/main/sync/store-adapter';
import type { Logger } from '../../../src/shared/log';

const [dataDir, identityJson, captures] = process.argv.slice(2) as [string, string, string];
const noop = () => undefined;
const log: Logger = { debug: noop, info: noop, warn: noop, error: noop, child: () => log };
const store = await Store.open({ dataDir, mode: 'development', keyStore: new FileKeyStore(dataDir) });
seedAgent(store);
const engine = new SyncEngine({
  ...storePorts(store), client: new CentralApiClient(JSON.parse(identityJson) as DeviceIdentity, { timeoutMs: 2_000 }), log,
  batchSize: 7, leaseMs: 300, requestTimeoutMs: 2_000, backoff: { baseMs: 5, capMs: 50 },
  retry: { maxAttempts: 1, initialDelayMs: 5, maxDelayMs: 20 }, breaker: { consecutiveFailures: 1000, halfOpenAfterMs: 50 },
});
let announced = false;
for (let n = 0; n < Number(captures); n++) store.onboardings.commit(sampleOnboarding());
for (;;) {
  await engine.syncNow();
  if (!announced) {
    announced = true;
    writeSync(1, 'SYNCING\n');
  }
  store.onboardings.commit(sampleOnboarding());
}
