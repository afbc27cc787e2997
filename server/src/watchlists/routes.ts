/**
 * Watchlist bundle routes, as a Fastify plugin the central API registers
 * behind its device authentication (app.ts authenticates every route but
 * /health and enrolment; /v1/admin/* needs the admin token):
 *   GET /v1/watchlists/manifest          the latest signed manifest (JSON)
 *   GET /v1/watchlists/bundle/:version   its gzipped body (application/gzip)
 *   GET /v1/admin/watchlists/status      published version and the last re-screening run
 * Kiosks verify the manifest signature and the body hash before installing.
 * With `rescreen` given, every publish re-screens all customers on the server
 * (rescreen.ts), one run at a time; a publish during a run queues the newest.
 */
import { gunzipSync } from 'node:zlib';
import type { FastifyPluginAsync } from 'fastify';
import { BundleBodySchema } from '../../../src/shared/aml/bundle';
import type { FieldCipher } from '../crypto/fields';
import type { Database } from '../db/database';
import type { SignedBundle } from './build';
import { rescreenAllCustomers, type RescreenSummary } from './rescreen';

export interface WatchlistPublisher {
  latest(): SignedBundle | null;
  /** Called with each newly published bundle; returns an unsubscribe function. */
  subscribe?(listener: (bundle: SignedBundle) => void): () => void;
}

/** Keeps the latest published bundle in memory and tells subscribers about each publish. */
export class InMemoryWatchlistPublisher implements WatchlistPublisher {
  private current: SignedBundle | null = null;
  private readonly listeners = new Set<(bundle: SignedBundle) => void>();
  publish(bundle: SignedBundle): void {
    this.current = bundle;
    for (const l of this.listeners) l(bundle);
  }
  latest(): SignedBundle | null { return this.current; }
  subscribe(listener: (bundle: SignedBundle) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export interface RescreenRun {
  state: 'running' | 'done' | 'failed';
  version: string;
  startedAt: string;
  summary?: RescreenSummary;
  error?: string;
}

/** Serialises re-screening runs: at most one at a time, and only the newest waiting bundle runs next. */
export class RescreenJob {
  last: RescreenRun | null = null;
  private running: Promise<void> | null = null;
  private queued: SignedBundle | null = null;

  constructor(private readonly db: Database, private readonly cipher: FieldCipher) {}

  trigger(bundle: SignedBundle): void {
    this.queued = bundle;
    this.running ??= this.drain().finally(() => { this.running = null; });
  }

  /** Resolves when no run is in progress or queued. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    while (this.queued) {
      const bundle = this.queued;
      this.queued = null;
      const run: RescreenRun = { state: 'running', version: bundle.manifest.version, startedAt: new Date().toISOString() };
      this.last = run;
      try {
        const body = BundleBodySchema.parse(JSON.parse(gunzipSync(bundle.body).toString('utf8')));
        run.summary = await rescreenAllCustomers(this.db, this.cipher, { version: body.version, entities: body.entities });
        run.state = 'done';
      } catch (e) {
        run.state = 'failed';
        run.error = (e as Error).message;
      }
    }
  }
}

export interface WatchlistRouteOptions {
  publisher: WatchlistPublisher;
  /** Re-screen every customer when a bundle is published. */
  rescreen?: { db: Database; cipher: FieldCipher };
}

export const watchlistRoutes: FastifyPluginAsync<WatchlistRouteOptions> = async (app, opts) => {
  const job = opts.rescreen ? new RescreenJob(opts.rescreen.db, opts.rescreen.cipher) : null;
  if (job && opts.publisher.subscribe) {
    const unsubscribe = opts.publisher.subscribe((bundle) => job.trigger(bundle));
    app.addHook('onClose', async () => {
      unsubscribe();
      await job.idle();
    });
  }

  app.get('/v1/watchlists/manifest', async (_req, reply) => {
    const b = opts.publisher.latest();
    if (!b) return reply.code(404).send({ code: 'E_WATCHLISTS_NONE', message: 'No watchlist bundle has been published yet.' });
    return b.manifest;
  });
  app.get<{ Params: { version: string } }>('/v1/watchlists/bundle/:version', async (req, reply) => {
    const b = opts.publisher.latest();
    if (!b || b.manifest.version !== req.params.version) return reply.code(404).send({ code: 'E_WATCHLISTS_VERSION', message: 'That bundle version is not available; fetch the manifest again.' });
    return reply.header('content-type', 'application/gzip').header('cache-control', 'public, max-age=31536000, immutable').send(b.body);
  });
  app.get('/v1/admin/watchlists/status', async () => ({
    version: opts.publisher.latest()?.manifest.version ?? null,
    rescreen: job?.last ?? null,
  }));
};
