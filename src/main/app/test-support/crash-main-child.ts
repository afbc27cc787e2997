/**
 * A child "main process" for crash-recovery.test.ts: opens the real store and a file logger,
 * installs the error guards, then throws an uncaught error carrying an Aadhaar number.
 */
import { installMainErrorGuards, RunMarker } from '../crash-recovery';
import { openFileLogger } from '../../logging/logger';
import { FileKeyStore, Store } from '../../store';

const [dataDir, aadhaar] = process.argv.slice(2) as [string, string];
const files = await openFileLogger({ dataDir, level: 'info' });
const store = await Store.open({ dataDir, mode: 'development', keyStore: new FileKeyStore(dataDir) });
const marker = new RunMarker(dataDir);
marker.begin();
installMainErrorGuards({
  log: files.log,
  marker,
  audit: () => (entry) => void store.audit.append(entry),
  flush: files.flush,
  exit: (code) => {
    store.close();
    process.exit(code);
  },
});
files.log.info({}, 'child started');
setTimeout(() => {
  throw new Error(`lookup failed for ${aadhaar}`);
}, 10);
