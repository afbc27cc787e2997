/** Test helpers for the store: a temporary data folder, an agent, a sample onboarding. */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../database';
import type { OnboardingCommit } from '../repositories/onboardings';
import type { Store } from '../store';

export function tempDir(prefix = 'vdex-store-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const TEST_AGENT_ID = 'agent-1';

export function seedAgent(store: Store, id = TEST_AGENT_ID): void {
  if (!store.agents.find(id)) store.agents.insert({ id, username: `user-${id}`, displayName: 'Test Agent', role: 'agent', branchId: 'BR-1' });
}

/** A valid test Aadhaar number (Verhoeff-valid, not a real resident's). */
export const TEST_AADHAAR = '234123412346';

export function sampleOnboarding(overrides: Partial<OnboardingCommit['record']> = {}): OnboardingCommit {
  const id = randomUUID();
  return {
    record: {
      id, reference: `KYC-${id.slice(0, 8)}`, branchId: 'BR-1', agentId: TEST_AGENT_ID, method: 'qr', status: 'approved',
      submittedAt: new Date().toISOString(), customerName: 'Asha Devi', dateOfBirth: '1990-01-01', gender: 'F',
      aadhaarLast4: '2346', details: { source: 'secure-qr' }, ...overrides,
    },
    audit: [{ action: 'kyc.decision', details: { decision: 'approved' } }],
  };
}

/** A fresh SQLCipher database file with a random key, no migrations applied. */
export function encryptedTempDb(): { db: import('../database').Db; cleanup(): void } {
  const t = tempDir('vdex-db-');
  const db = openDatabase(path.join(t.dir, 'test.db'), { key: randomBytes(32) });
  return { db, cleanup: () => { if (db.open) db.close(); t.cleanup(); } };
}
