/**
 * The child of the crash test: commits onboardings as fast as it can and
 * prints `ACK <id>` only after each commit has returned (the moment the flow
 * would tell the agent "saved"). The parent kills it with SIGKILL at random.
 * Every few commits it also plays the sync engine (claim, mark applied) so
 * the kill can land in those transactions too.
 */
import { writeSync } from 'node:fs';
import { FileKeyStore } from '../keys/test-key-store';
import { Store } from '../store';
import { sampleOnboarding, seedAgent, TEST_AADHAAR } from './fixtures';

const [dataDir, runId] = process.argv.slice(2) as [string, string];
const store = await Store.open({ dataDir, mode: 'development', keyStore: new FileKeyStore(dataDir) });
seedAgent(store);
writeSync(1, 'READY\n');
for (let n = 0; ; n++) {
  const input = sampleOnboarding({ reference: `R-${runId}-${n}` });
  if (n % 5 === 0) {
    const ref = store.vault.put(TEST_AADHAAR, { agentId: 'agent-1', purpose: 'crash-test' });
    input.record.aadhaarVaultRef = ref.refKey;
  }
  store.onboardings.commit(input);
  writeSync(1, `ACK ${input.record.reference}\n`);
  if (n % 3 === 0) for (const item of store.outbox.claimBatch({ limit: 2 })) store.outbox.markApplied(item.id);
}
