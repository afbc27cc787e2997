// Shared by the store benches: the store's repositories over a database opened with or without a key.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuditLog } from '../src/main/store/audit/chain';
import { openDatabase, type Db } from '../src/main/store/database';
import { migrate, MIGRATIONS } from '../src/main/store/migrations';
import { OnboardingRepository } from '../src/main/store/repositories/onboardings';
import { OutboxRepository } from '../src/main/store/repositories/outbox';
import { AadhaarVerificationsRepository, AgentsRepository, AmlAssessmentsRepository, ConsentsRepository, KycRecordsRepository } from '../src/main/store/repositories/records';

export function benchStore(encrypted: boolean) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `vdex-bench-${encrypted ? 'cipher' : 'plain'}-`));
  const db: Db = openDatabase(path.join(dir, 'kiosk.db'), encrypted ? { key: randomBytes(32) } : {});
  migrate(db, MIGRATIONS);
  const audit = new AuditLog(db);
  const records = new KycRecordsRepository(db);
  const onboardings = new OnboardingRepository(db, {
    records, verifications: new AadhaarVerificationsRepository(db), aml: new AmlAssessmentsRepository(db),
    consents: new ConsentsRepository(db), audit, outbox: new OutboxRepository(db),
  });
  new AgentsRepository(db).insert({ id: 'agent-1', username: 'bench', displayName: 'Bench', role: 'agent', branchId: 'BR-1' });
  return { db, audit, onboardings, close: () => { db.close(); rmSync(dir, { recursive: true, force: true }); } };
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
