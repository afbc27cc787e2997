/**
 * Crash recovery, in plain Node so it is testable without Electron (src/main/electron wires it):
 * - a run marker in the data folder tells the next start that the last run ended uncleanly;
 * - an uncaught main-process error is logged, audited and recorded in the marker, then the process
 *   exits for the supervisor (systemd `Restart=always`, the Windows kiosk shell) to restart it:
 *   carrying on after an unknown error could write half a record;
 * - on the next start the open onboardings are listed from the database (interrupted cases from
 *   `kyc_drafts`, resumed by the agent through `kyc:open-cases` / `kyc:resume` after login);
 * - a renderer crash is audited and answered with a reload to the home screen (or the out-of-service
 *   screen after repeated crashes, see policy.ts `crashAction`).
 * The audit trail is the store's hash chain (issue 5), reached through the small `AuditAppend` port.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../shared/log';

/** The store's `audit.append`, or nothing while the store is unavailable. */
export type AuditAppend = (entry: { action: string; details?: Record<string, unknown>; subjectRef?: string | null }) => void;

export const AuditAction = {
  RENDERER_CRASH: 'kiosk.renderer-crash',
  MAIN_ERROR: 'kiosk.main-error',
  UNCLEAN_RESTART: 'kiosk.unclean-restart',
} as const;

/** Audits through the port, never throwing: a broken store must not turn a crash into a loop. */
export function safeAudit(audit: AuditAppend | undefined, log: Logger, entry: Parameters<AuditAppend>[0]): boolean {
  if (!audit) {
    log.warn({ action: entry.action }, 'audit unavailable: crash event only logged');
    return false;
  }
  try {
    audit(entry);
    return true;
  } catch (e) {
    log.error({ action: entry.action, code: (e as { code?: string }).code ?? 'E_INTERNAL' }, 'audit append failed');
    return false;
  }
}

export interface RunRecord {
  pid: number;
  startedAt: string;
  /** Set when an uncaught error ended the run. */
  crash?: { at: string; kind: 'uncaughtException' | 'unhandledRejection'; code: string };
}

/** `<dataDir>/run.json`: present while the kiosk runs, removed by a clean shutdown. */
export class RunMarker {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'run.json');
  }

  /** Starts a run; returns the previous run's record if it did not end cleanly. */
  begin(now = new Date()): RunRecord | null {
    let previous: RunRecord | null = null;
    if (existsSync(this.file)) {
      try {
        previous = JSON.parse(readFileSync(this.file, 'utf8')) as RunRecord;
      } catch {
        previous = { pid: 0, startedAt: 'unknown' };
      }
    }
    this.write({ pid: process.pid, startedAt: now.toISOString() });
    return previous;
  }

  recordCrash(crash: NonNullable<RunRecord['crash']>): void {
    try {
      const current = JSON.parse(readFileSync(this.file, 'utf8')) as RunRecord;
      this.write({ ...current, crash });
    } catch {
      this.write({ pid: process.pid, startedAt: 'unknown', crash });
    }
  }

  /** Clean shutdown. */
  end(): void {
    rmSync(this.file, { force: true });
  }

  private write(record: RunRecord): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(record));
    renameSync(tmp, this.file);
  }
}

/** An onboarding that was open when the kiosk stopped (no personal data: reference and state). */
export interface OpenOnboarding {
  id: string;
  reference: string;
  status: string;
  since: string;
}

export interface RecoveryReport {
  uncleanShutdown: boolean;
  previous: RunRecord | null;
  openOnboardings: OpenOnboarding[];
}

/**
 * Start-of-run recovery: notes an unclean previous run (log + audit) and lists the onboardings
 * still open in the database so the agent can resume them.
 */
export async function recoverOnStart(options: {
  marker: RunMarker;
  log: Logger;
  audit?: AuditAppend;
  listOpenOnboardings?: () => Promise<OpenOnboarding[]> | OpenOnboarding[];
  now?: Date;
}): Promise<RecoveryReport> {
  const previous = options.marker.begin(options.now);
  let openOnboardings: OpenOnboarding[] = [];
  try {
    openOnboardings = (await options.listOpenOnboardings?.()) ?? [];
  } catch (e) {
    options.log.error({ code: (e as { code?: string }).code ?? 'E_INTERNAL' }, 'could not list open onboardings');
  }
  if (previous) {
    options.log.warn({ previousStart: previous.startedAt, crash: previous.crash ?? null, open: openOnboardings.length }, 'previous run ended uncleanly');
    safeAudit(options.audit, options.log, {
      action: AuditAction.UNCLEAN_RESTART,
      details: { previousStart: previous.startedAt, crashKind: previous.crash?.kind ?? 'killed', crashCode: previous.crash?.code ?? null, openOnboardings: openOnboardings.map((o) => o.reference) },
    });
  }
  return { uncleanShutdown: previous !== null, previous, openOnboardings };
}

/** The error's code or class name: what is safe to keep (messages may carry data). */
function errorCode(e: unknown): string {
  if (e && typeof e === 'object' && 'code' in e && typeof e.code === 'string') return e.code;
  return e instanceof Error ? e.name : typeof e;
}

/**
 * Handlers for uncaught errors in the main process: log (the logger redacts), audit, mark the run
 * as crashed, flush, exit non-zero. Returns a function removing them.
 */
export function installMainErrorGuards(options: {
  proc?: NodeJS.Process;
  log: Logger;
  audit?: () => AuditAppend | undefined;
  marker: RunMarker;
  flush?: () => Promise<void>;
  exit: (code: number) => void;
}): () => void {
  const proc = options.proc ?? process;
  let handling = false;
  const handler = (kind: 'uncaughtException' | 'unhandledRejection') => (e: unknown) => {
    if (handling) return;
    handling = true;
    const code = errorCode(e);
    options.log.error({ kind, code, err: e instanceof Error ? { message: e.message, stack: e.stack } : String(e) }, 'uncaught error in the main process: exiting for a clean restart');
    options.marker.recordCrash({ at: new Date().toISOString(), kind, code });
    safeAudit(options.audit?.(), options.log, { action: AuditAction.MAIN_ERROR, details: { kind, code } });
    const flushed = options.flush ? options.flush().catch(() => undefined) : Promise.resolve();
    void flushed.finally(() => options.exit(1));
  };
  const onException = handler('uncaughtException');
  const onRejection = handler('unhandledRejection');
  proc.on('uncaughtException', onException);
  proc.on('unhandledRejection', onRejection);
  return () => {
    proc.off('uncaughtException', onException);
    proc.off('unhandledRejection', onRejection);
  };
}

/** What the Electron glue does after the renderer process died. */
export function onRendererGone(options: {
  details: { reason: string; exitCode: number };
  action: 'reload' | 'out-of-service';
  log: Logger;
  audit?: AuditAppend;
}): void {
  const { reason, exitCode } = options.details;
  options.log.error({ reason, exitCode, action: options.action }, 'renderer process gone');
  safeAudit(options.audit, options.log, { action: AuditAction.RENDERER_CRASH, details: { reason, exitCode, recovery: options.action } });
}

/**
 * The open onboardings the store knows: cases interrupted mid-way (`kyc_drafts`, which the agent can
 * resume with `kyc:resume`) and KYC records still pending a decision (referred to a supervisor).
 */
export function openOnboardingsFromStore(store: {
  records: { listByStatus(status: 'pending', limit?: number): Array<{ id: string; reference: string; status: string; submittedAt: string }> };
  drafts?: { list(filter?: { limit?: number }): Array<{ caseId: string; reference: string; createdAt: string }> };
}): OpenOnboarding[] {
  const drafts = (store.drafts?.list({ limit: 50 }) ?? []).map((d) => ({ id: d.caseId, reference: d.reference, status: 'draft', since: d.createdAt }));
  return [...drafts, ...store.records.listByStatus('pending', 50).map((r) => ({ id: r.id, reference: r.reference, status: r.status, since: r.submittedAt }))];
}
