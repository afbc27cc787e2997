/**
 * The store service: opens (or creates) the encrypted database in the data
 * folder with keys from the key store, refuses a database newer than the app,
 * migrates, and builds the repositories, the vault, the audit log and the
 * retention job over the one connection.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AppMode } from '../../shared/ipc/app';
import { AuditLog } from './audit/chain';
import { systemClock, type Clock } from './clock';
import { databaseExists, inTransaction, openDatabase, type Db } from './database';
import { assertKeyStoreAllowed, getOrCreateSecret, type KeyStore } from './keys/key-store';
import { assertNotNewerThanApp, LATEST_VERSION, migrate, MIGRATIONS, migrationStatus, validateSchema } from './migrations';
import { KycDraftsRepository } from './repositories/drafts';
import { OnboardingRepository } from './repositories/onboardings';
import { OutboxRepository } from './repositories/outbox';
import { PidBufferRepository } from './repositories/pid-buffer';
import {
  AadhaarVerificationsRepository, AgentsRepository, AmlAssessmentsRepository, ApiRequestsRepository, ConsentsRepository,
  KycRecordsRepository, OtpAttemptsRepository,
} from './repositories/records';
import { DEFAULT_RETENTION, RetentionService, type RetentionPolicy } from './retention';
import { AadhaarVault, deriveVaultKeys } from './vault';

export const DATABASE_FILE = 'kiosk.db';

export interface StoreOptions {
  dataDir: string;
  mode: AppMode;
  keyStore: KeyStore;
  clock?: Clock;
  retention?: Partial<RetentionPolicy>;
  /** Default true: bring the schema to the latest version on open. The CLI's `db status` opens without. */
  migrate?: boolean;
  busyTimeoutMs?: number;
}

export class Store {
  readonly agents: AgentsRepository;
  readonly records: KycRecordsRepository;
  readonly verifications: AadhaarVerificationsRepository;
  readonly otpAttempts: OtpAttemptsRepository;
  readonly aml: AmlAssessmentsRepository;
  readonly apiRequests: ApiRequestsRepository;
  readonly consents: ConsentsRepository;
  readonly audit: AuditLog;
  readonly outbox: OutboxRepository;
  readonly onboardings: OnboardingRepository;
  readonly vault: AadhaarVault;
  readonly retention: RetentionService;
  readonly pidBuffer: PidBufferRepository;
  /** Onboardings in progress (migration 002): what a restart can resume. */
  readonly drafts: KycDraftsRepository;

  private constructor(readonly db: Db, readonly file: string, readonly keyStoreBackend: string, vaultSecret: Buffer, options: StoreOptions) {
    const clock = options.clock ?? systemClock;
    this.agents = new AgentsRepository(db, clock);
    this.records = new KycRecordsRepository(db, clock);
    this.verifications = new AadhaarVerificationsRepository(db, clock);
    this.otpAttempts = new OtpAttemptsRepository(db, clock);
    this.aml = new AmlAssessmentsRepository(db, clock);
    this.apiRequests = new ApiRequestsRepository(db, clock);
    this.consents = new ConsentsRepository(db, clock);
    this.audit = new AuditLog(db, clock);
    this.outbox = new OutboxRepository(db, clock);
    this.drafts = new KycDraftsRepository(db, clock);
    this.onboardings = new OnboardingRepository(db, {
      records: this.records, verifications: this.verifications, aml: this.aml, consents: this.consents, audit: this.audit, outbox: this.outbox,
    });
    this.vault = new AadhaarVault(db, deriveVaultKeys(vaultSecret), this.audit, clock);
    const policy = { ...DEFAULT_RETENTION, ...options.retention };
    this.pidBuffer = new PidBufferRepository(db, policy.pidBufferTtlSeconds * 1000, clock);
    this.retention = new RetentionService(db, this.audit, this.vault, policy, clock);
  }

  static async open(options: StoreOptions): Promise<Store> {
    assertKeyStoreAllowed(options.keyStore, options.mode);
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    const file = path.join(options.dataDir, DATABASE_FILE);
    const exists = databaseExists(file);
    const key = await getOrCreateSecret(options.keyStore, 'database', exists);
    const vaultSecret = await getOrCreateSecret(options.keyStore, 'vault', exists);
    const db = openDatabase(file, { key, ...(options.busyTimeoutMs ? { busyTimeoutMs: options.busyTimeoutMs } : {}) });
    try {
      assertNotNewerThanApp(db, MIGRATIONS);
      if (options.migrate ?? true) migrate(db, MIGRATIONS);
      return new Store(db, file, options.keyStore.backend, vaultSecret, options);
    } catch (e) {
      db.close();
      throw e;
    }
  }

  /** Runs fn in one IMMEDIATE transaction: compose repository writes with their audit entries. */
  transaction<T>(doing: string, fn: () => T): T {
    return inTransaction(this.db, doing, fn);
  }

  status() {
    return { file: this.file, keyStore: this.keyStoreBackend, ...migrationStatus(this.db, MIGRATIONS) };
  }

  validate() {
    return validateSchema(this.db, MIGRATIONS);
  }

  /** For the health check: quick, no full scan. */
  health(): { status: 'up' | 'degraded' | 'down'; detail: string } {
    try {
      const version = migrationStatus(this.db, MIGRATIONS).current;
      const outbox = this.outbox.stats();
      const status = version === LATEST_VERSION ? (outbox.rejected > 0 ? 'degraded' : 'up') : 'degraded';
      return { status, detail: `schema ${version}/${LATEST_VERSION}, ${outbox.pending + outbox.sending} queued, ${outbox.rejected} rejected, keys: ${this.keyStoreBackend}` };
    } catch {
      return { status: 'down', detail: 'the database does not answer' };
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
