/**
 * The encrypted local store (issue 5). Everything the kiosk keeps on disk lives
 * in one SQLCipher v4 file, `<dataDir>/kiosk.db`, opened through `Store.open`.
 *
 *   const store = await Store.open({ dataDir, mode, keyStore });   // host.store in the host
 *
 * Keys: two 32-byte secrets (`database`, `vault`) from a KeyStore: KeytarKeyStore (OS keychain),
 * WrappedFileKeyStore + a SecretWrapper (Electron safeStorage, see src/main/electron/safe-storage.ts),
 * FileKeyStore / MemoryKeyStore (tests and demo; production refuses them).
 * Handled states (KioskError codes in errors.ts): E_STORE_KEY_UNAVAILABLE, E_STORE_WRONG_KEY,
 * E_STORE_DB_NEWER_THAN_APP, E_STORE_DISK_FULL, E_STORE_LEGAL_HOLD, ...
 *
 * Repository API (all synchronous; each write joins the caller's transaction):
 * - store.onboardings.commit({ record, verifications?, attachVerificationIds?, amlAssessments?,
 *     consentSessionId?, audit?, outbox? }) -> { record, outbox, audit }
 *     THE write path of an onboarding: record + rows + audit entries + outbox row, one transaction.
 *     Returned = durable (synchronous=FULL): only then tell the agent "saved".
 * - store.outbox (for the sync engine):
 *     enqueue({ recordType, recordId, payload, idempotencyKey? })  inside your own transaction
 *     claimBatch({ limit, leaseMs }) -> due pending rows, FIFO per record, leased as 'sending'
 *       (a row waits while an earlier row of its record is pending/sending/rejected)
 *     markApplied(id, serverRef?) | markDuplicate(id, serverRef?) | markRejected(id, reason)
 *     markFailed(id, error, retryAt)   transient failure: back to pending at retryAt (you own backoff)
 *     retry(id)  rejected -> pending;  releaseExpiredLeases();  stats();  listByState(); listForRecord()
 *     records.markServerConfirmed(recordId) when the server applied the record (starts retention).
 * - store.audit: append({ action, agentId?, subjectRef?, details? }) (details are sanitised: identity
 *     fields dropped, Verhoeff-valid 12/16-digit numbers masked), list({ afterSeq, limit }), head(),
 *     verify(expectedHead?) -> { ok, checked } | { ok: false, firstBroken: { seq, reason, message } }.
 *     Entry hash (the server recomputes it): sha256 hex of JSON.stringify([prevHash, seq, at, agentId,
 *     action, subjectRef, detailsJson]), detailsJson = JSON.stringify(details) as stored; genesis prevHash
 *     is 64 zeros. `at` is ISO-8601 UTC; seq starts at 1 with no gaps.
 * - store.vault: put(aadhaarOrVid, actor) -> { refKey, last4, masked, keyedHash }, reveal(refKey, actor)
 *     (audited), hashOf(number), remove(refKey, actor). Nothing else ever holds a full number.
 * - store.drafts (migration 002): save/get/list/remove the progress of an onboarding not yet decided
 *     (step, consent hashes, method, masked ids; never a number, OTP, PID or name); the kyc service writes
 *     it with each step's audit entry so a restart can resume the case.
 * - store.agents, store.records, store.verifications, store.otpAttempts (never the OTP),
 *     store.aml (AML assessments), store.apiRequests, store.consents, store.pidBuffer: insert/get/find/list.
 * - store.transaction(doing, fn): compose writes with their audit entries atomically.
 * - store.retention.run() and .erase(recordId, { agentId, reason }); store.status(), store.validate().
 */
export { Store, DATABASE_FILE, type StoreOptions } from './store';
export { StoreErrorCode } from './errors';
export { openDatabase, translateSqliteError, type Db } from './database';
export { type KeyStore, type SecretName, assertKeyStoreAllowed, getOrCreateSecret } from './keys/key-store';
export { KeytarKeyStore } from './keys/keytar-key-store';
export { WrappedFileKeyStore, type SecretWrapper } from './keys/wrapped-file-key-store';
export { FileKeyStore, MemoryKeyStore } from './keys/test-key-store';
export { AuditLog, GENESIS_HASH, type AuditEntry, type AuditEntryInput, type AuditVerification } from './audit/chain';
export { sanitiseDetails, sanitiseValue, isIdentityField } from './audit/sanitise';
export { AadhaarVault, type VaultEntryRef, type VaultActor } from './vault';
export { RetentionService, DEFAULT_RETENTION, type RetentionPolicy, type RetentionReport } from './retention';
export { OutboxRepository, type OutboxItem, type OutboxState, type OutboxStats, type OutboxEnqueue } from './repositories/outbox';
export { OnboardingRepository, type OnboardingCommit, type OnboardingCommitted, type OnboardingPayload } from './repositories/onboardings';
export * from './repositories/types';
export { KycDraftsRepository, type KycDraft, type DraftConsent, type DraftStep } from './repositories/drafts';
export { MIGRATIONS, LATEST_VERSION } from './migrations';
