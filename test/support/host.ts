/** A host for tests: a temporary data folder, no demo peers, a silent logger. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/main/config';
import { createHost, type Host } from '../../src/main/host';

export async function createTestHost(): Promise<Host> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vdex-test-'));
  return createHost({ config: loadConfig({ dataDir, demoPeers: false, mode: 'development' }, {}), runtime: 'web' });
}
