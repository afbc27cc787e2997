/**
 * The kiosk's screening service: holds the current lists and their index,
 * screens subjects into saved assessments, runs the supervisor review queue
 * (audited dispositions), installs signed bundles (keeping the last good one)
 * and re-screens pending assessments when a new bundle arrives.
 */
import { randomUUID } from 'node:crypto';
import type { BundleManifest } from '../../shared/aml/bundle';
import { DEFAULT_MATCHER_OPTIONS, MATCHER_VERSION, screen, type ScreeningHit } from '../../shared/aml/matcher';
import type { ListSource, ScreeningSubject, WatchlistEntity } from '../../shared/aml/model';
import { assessRisk, DEFAULT_THRESHOLDS, nextReKycDate, type RiskFactorsInput, type RiskThresholds } from '../../shared/aml/risk';
import { buildIndex, type WatchlistIndex } from '../../shared/aml/token-index';
import { KioskError } from '../../shared/errors';
import type { Logger } from '../../shared/log';
import { trustedKeysFrom, type BundleStore } from './bundle-store';
import { CentralListsClient, type CentralCredentials } from './central-lists';
import { loadListsFromDirs } from './list-files';
import type { AmlAssessmentRecord, AmlPersistence } from './persistence';

export interface ListsStatus {
  loaded: boolean;
  origin: 'bundle' | 'folder' | 'none';
  version: string | null;
  createdAt: string | null;
  ageHours: number | null;
  entities: number;
  names: number;
  sources: ListSource[];
  indexBuildMs: number | null;
  matcherVersion: string;
  thresholds: RiskThresholds;
  /** The last attempt to fetch lists from the central API (null: none yet). */
  lastCheck: ListsCheck | null;
  /** The age past which the lists are too old (policy `watchlistMaxAgeDays`). */
  maxAgeHours: number;
  /** What the agent must be told: no lists at all, or lists older than `maxAgeHours`; null when fine. */
  warning: 'missing' | 'old' | null;
}

export interface ListsCheck {
  at: string;
  outcome: 'offline' | 'none-published' | 'unchanged' | 'installed' | 'refused' | 'failed';
  version?: string;
  /** Why it was refused or failed (E_AML_BUNDLE_BAD_SIGNATURE, E_AUTH_..., an HTTP status). */
  code?: string;
  detail?: string;
  rescreened?: number;
}

export interface ReviewItem {
  assessmentId: string;
  subject: ScreeningSubject;
  screenedAt: string;
  listVersion: string;
  /** Each undecided hit with the list entry beside it. */
  evidence: Array<{ hit: ScreeningHit; entry: WatchlistEntity | null }>;
}

export interface AmlServiceOptions {
  persistence: AmlPersistence;
  log: Logger;
  bundles?: BundleStore;
  /** Demo and development: a demo central API's own signing key may be trusted at run time. Never in production. */
  allowRuntimeBundleKeys?: boolean;
  thresholds?: RiskThresholds;
  /** Lists older than this are flagged (default 7 days). */
  maxListAgeHours?: number;
  now?: () => Date;
}

export const DEFAULT_MAX_LIST_AGE_HOURS = 7 * 24;

interface Loaded {
  index: WatchlistIndex;
  byId: Map<string, WatchlistEntity>;
  origin: 'bundle' | 'folder';
  version: string;
  createdAt: string;
  sources: ListSource[];
}

export class AmlService {
  private loaded: Loaded | null = null;
  private lastCheck: ListsCheck | null = null;
  private refreshTimer: NodeJS.Timeout | undefined;
  private refreshing: Promise<ListsCheck> | null = null;
  private readonly thresholds: RiskThresholds;
  private readonly now: () => Date;

  constructor(private readonly options: AmlServiceOptions) {
    this.thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
    this.now = options.now ?? (() => new Date());
  }

  /** Loads the installed bundle if there is one that still verifies. */
  loadInstalledBundle(): boolean {
    if (!this.options.bundles) return false;
    try {
      const b = this.options.bundles.loadCurrent();
      if (!b) return false;
      this.use(b.body.entities, 'bundle', b.manifest.version, b.manifest.createdAt, b.manifest.sources);
      return true;
    } catch (e) {
      const code = e instanceof KioskError ? e.code : 'E_INTERNAL';
      // Demo: the bundle is signed by the demo central API, whose key arrives when that server is up again.
      if (code === 'E_AML_BUNDLE_UNTRUSTED' && this.options.allowRuntimeBundleKeys) this.options.log.info({ code }, 'installed AML bundle waits for its signing key');
      else this.options.log.error({ code }, 'installed AML bundle refused');
      return false;
    }
  }

  /** Official files straight from folders (CLI, development). */
  loadFromDirs(dirs: string[]): void {
    const lists = loadListsFromDirs(dirs);
    const version = lists.sources.map((s) => `${s.list}@${s.version}`).join(',');
    this.use(lists.entities, 'folder', version, this.now().toISOString(), lists.sources);
  }

  loadEntities(entities: WatchlistEntity[], version: string, sources: ListSource[] = []): void {
    this.use(entities, 'folder', version, this.now().toISOString(), sources);
  }

  private use(entities: WatchlistEntity[], origin: Loaded['origin'], version: string, createdAt: string, sources: ListSource[]): void {
    const index = buildIndex(entities);
    this.loaded = { index, byId: new Map(entities.map((e) => [e.id, e])), origin, version, createdAt, sources };
    this.options.log.info({ version, entities: entities.length, buildMs: Math.round(index.buildMs) }, 'AML lists loaded');
  }

  status(): ListsStatus {
    const l = this.loaded;
    const ageHours = l ? Math.max(0, Math.round(((this.now().getTime() - Date.parse(l.createdAt)) / 36e5) * 10) / 10) : null;
    const maxAgeHours = this.options.maxListAgeHours ?? DEFAULT_MAX_LIST_AGE_HOURS;
    return {
      loaded: l !== null,
      origin: l?.origin ?? 'none',
      version: l?.version ?? null,
      createdAt: l?.createdAt ?? null,
      ageHours,
      entities: l?.index.entities.length ?? 0,
      names: l?.index.nameTokens.length ?? 0,
      sources: l?.sources ?? [],
      indexBuildMs: l ? Math.round(l.index.buildMs) : null,
      matcherVersion: MATCHER_VERSION,
      thresholds: this.thresholds,
      lastCheck: this.lastCheck,
      maxAgeHours,
      warning: ageHours === null ? 'missing' : ageHours > maxAgeHours ? 'old' : null,
    };
  }

  /**
   * Fetches the central API's newest bundle when it differs from the installed one, verifies and
   * installs it (a refused bundle keeps the last good one), then re-screens pending assessments.
   * Offline or not enrolled is a normal state, recorded, never thrown. One fetch at a time.
   */
  refreshFromCentral(credentials: CentralCredentials | undefined, client?: CentralListsClient): Promise<ListsCheck> {
    this.refreshing ??= this.refreshOnce(credentials, client).finally(() => { this.refreshing = null; });
    return this.refreshing;
  }

  private async refreshOnce(credentials: CentralCredentials | undefined, client?: CentralListsClient): Promise<ListsCheck> {
    const at = this.now().toISOString();
    let check: ListsCheck;
    if (!credentials) {
      check = { at, outcome: 'offline', detail: 'not enrolled with a central API' };
    } else {
      const installed = this.loaded?.origin === 'bundle' ? this.loaded.version : null;
      const r = await (client ?? new CentralListsClient(credentials)).fetchNewer(installed);
      if (r.outcome === 'fetched') {
        try {
          const done = this.installBundle(r.manifest, r.body);
          check = { at, outcome: 'installed', version: done.manifest.version, rescreened: done.rescreened };
        } catch (e) {
          check = { at, outcome: 'refused', version: r.version, code: e instanceof KioskError ? e.code : 'E_INTERNAL' };
        }
      } else if (r.outcome === 'offline') check = { at, outcome: 'offline', detail: r.reason };
      else if (r.outcome === 'failed') check = { at, outcome: 'failed', code: r.code, detail: `HTTP ${r.status}` };
      else if (r.outcome === 'unchanged') check = { at, outcome: 'unchanged', version: r.version };
      else check = { at, outcome: 'none-published' };
    }
    this.lastCheck = check;
    if (check.outcome === 'refused' || check.outcome === 'failed') this.options.log.warn({ code: check.code }, 'AML list fetch did not install a bundle');
    return check;
  }

  /**
   * A new connection to a central API (enrolment, demo server back up): trusts the demo server's
   * bundle key when allowed, and fetches lists now (after any fetch already under way).
   */
  async centralConnected(credentials: CentralCredentials | undefined, bundleKeys?: Record<string, string>): Promise<ListsCheck> {
    if (bundleKeys && this.options.allowRuntimeBundleKeys && this.options.bundles) {
      this.options.bundles.trust(trustedKeysFrom(bundleKeys));
      // After a restart the installed demo bundle waited for its key.
      if (!this.loaded) this.loadInstalledBundle();
    }
    await this.refreshing?.catch(() => undefined);
    return this.refreshFromCentral(credentials);
  }

  /** Checks the central API for new lists soon after start, then every `intervalMs` (timer does not hold the process). */
  startAutoRefresh(credentials: () => CentralCredentials | undefined, intervalMs: number, firstAfterMs = 5_000): void {
    this.stopAutoRefresh();
    const tick = (): void => { void this.refreshFromCentral(credentials()).catch(() => undefined); };
    const first = setTimeout(() => {
      tick();
      this.refreshTimer = setInterval(tick, intervalMs);
      this.refreshTimer.unref();
    }, firstAfterMs);
    first.unref();
    this.refreshTimer = first;
  }

  stopAutoRefresh(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
  }

  private require(): Loaded {
    if (!this.loaded) throw new KioskError('E_AML_NO_LISTS', 'No watchlists are loaded on this kiosk yet; connect to sync the lists before screening.');
    return this.loaded;
  }

  /** Screens without saving (CLI, previews). */
  screenOnly(subject: ScreeningSubject, minScore = DEFAULT_MATCHER_OPTIONS.minScore): ScreeningHit[] {
    return screen(this.require().index, subject, { minScore });
  }

  /** Screens a subject, scores the risk and saves the assessment. */
  screenAndAssess(input: { subject: ScreeningSubject; subjectRef?: string; kycRecordId?: string | null; factors?: RiskFactorsInput; agentId?: string }): AmlAssessmentRecord {
    const l = this.require();
    const hits = screen(l.index, input.subject, { minScore: DEFAULT_MATCHER_OPTIONS.minScore });
    const at = this.now();
    const risk = assessRisk({ hits, factors: input.factors ?? {}, thresholds: this.thresholds });
    const record: AmlAssessmentRecord = {
      id: randomUUID(),
      kycRecordId: input.kycRecordId ?? null,
      subjectRef: input.subjectRef ?? randomUUID(),
      subject: input.subject,
      factors: input.factors ?? {},
      hits,
      risk,
      dispositions: [],
      listVersion: l.version,
      matcherVersion: MATCHER_VERSION,
      thresholds: this.thresholds,
      screenedAt: at.toISOString(),
      nextReKycAt: nextReKycDate(at, risk.reKycYears),
    };
    this.options.persistence.save(record);
    this.options.persistence.audit({
      action: 'aml.screened',
      agentId: input.agentId ?? null,
      subjectRef: record.subjectRef,
      details: { assessmentId: record.id, band: risk.band, hits: hits.length, pending: risk.pendingHits, listVersion: l.version },
    });
    return record;
  }

  reviewQueue(): ReviewItem[] {
    return this.options.persistence.listPending().map((r) => ({
      assessmentId: r.id,
      subject: r.subject,
      screenedAt: r.screenedAt,
      listVersion: r.listVersion,
      evidence: r.hits
        .filter((h) => r.risk.pendingHits.includes(h.entityId))
        .map((hit) => ({ hit, entry: this.loaded?.byId.get(hit.entityId) ?? null })),
    }));
  }

  /** A supervisor's decision on one hit; audited; the risk is re-assessed with it. */
  dispose(input: { assessmentId: string; entityId: string; decision: 'true-match' | 'false-positive'; reason: string; supervisorId: string }): AmlAssessmentRecord {
    const r = this.options.persistence.get(input.assessmentId);
    if (!r) throw new KioskError('E_AML_NO_ASSESSMENT', 'That screening result was not found.');
    if (!r.hits.some((h) => h.entityId === input.entityId)) throw new KioskError('E_AML_NO_HIT', 'That list entry is not among the hits of this screening.');
    if (input.decision === 'false-positive' && input.reason.trim().length < 3) throw new KioskError('E_AML_REASON_REQUIRED', 'Clearing a potential match needs a reason.');
    const at = this.now();
    const dispositions = [...r.dispositions.filter((d) => d.entityId !== input.entityId), { entityId: input.entityId, decision: input.decision, reason: input.reason.trim(), supervisorId: input.supervisorId, at: at.toISOString() }];
    const risk = assessRisk({ hits: r.hits, dispositions, factors: r.factors, thresholds: r.thresholds });
    const updated: AmlAssessmentRecord = { ...r, dispositions, risk, nextReKycAt: nextReKycDate(new Date(r.screenedAt), risk.reKycYears) };
    this.options.persistence.update(updated);
    this.options.persistence.audit({
      action: input.decision === 'true-match' ? 'aml.disposition.true-match' : 'aml.disposition.false-positive',
      agentId: input.supervisorId,
      subjectRef: r.subjectRef,
      details: { assessmentId: r.id, entityId: input.entityId, reason: input.reason.trim(), band: risk.band, listVersion: r.listVersion },
    });
    return updated;
  }

  /** Installs a signed bundle (refused ones change nothing), then re-screens the pending assessments. */
  installBundle(manifest: unknown, body: Buffer): { manifest: BundleManifest; rescreened: number } {
    if (!this.options.bundles) throw new KioskError('E_AML_NO_BUNDLE_STORE', 'This kiosk has no trusted key for list bundles configured.');
    let verified;
    try {
      verified = this.options.bundles.install(manifest, body);
    } catch (e) {
      this.options.persistence.audit({ action: 'aml.bundle.refused', details: { code: e instanceof KioskError ? e.code : 'E_INTERNAL' } });
      throw e;
    }
    this.use(verified.body.entities, 'bundle', verified.manifest.version, verified.manifest.createdAt, verified.manifest.sources);
    this.options.persistence.audit({ action: 'aml.bundle.installed', details: { version: verified.manifest.version, entities: verified.manifest.entities } });
    return { manifest: verified.manifest, rescreened: this.rescreenPending() };
  }

  /** Re-screens every assessment still waiting for review against the current lists. */
  rescreenPending(): number {
    const l = this.require();
    let n = 0;
    for (const r of this.options.persistence.listPending()) {
      const hits = screen(l.index, r.subject, { minScore: DEFAULT_MATCHER_OPTIONS.minScore });
      const dispositions = r.dispositions.filter((d) => hits.some((h) => h.entityId === d.entityId));
      const risk = assessRisk({ hits, dispositions, factors: r.factors, thresholds: r.thresholds });
      const at = this.now();
      this.options.persistence.update({ ...r, hits, dispositions, risk, listVersion: l.version, screenedAt: at.toISOString(), nextReKycAt: nextReKycDate(at, risk.reKycYears) });
      this.options.persistence.audit({ action: 'aml.rescreened', subjectRef: r.subjectRef, details: { assessmentId: r.id, band: risk.band, listVersion: l.version } });
      n++;
    }
    return n;
  }
}
