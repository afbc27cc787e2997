/**
 * Watchlist bundle routes, as a Fastify plugin the central API registers
 * (behind its device authentication):
 *   GET /v1/watchlists/manifest          the latest signed manifest (JSON)
 *   GET /v1/watchlists/bundle/:version   its gzipped body (application/gzip)
 * Kiosks verify the manifest signature and the body hash before installing.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { SignedBundle } from './build';

export interface WatchlistPublisher {
  latest(): SignedBundle | null;
}

/** Keeps the latest published bundle in memory. */
export class InMemoryWatchlistPublisher implements WatchlistPublisher {
  private current: SignedBundle | null = null;
  publish(bundle: SignedBundle): void { this.current = bundle; }
  latest(): SignedBundle | null { return this.current; }
}

export const watchlistRoutes: FastifyPluginAsync<{ publisher: WatchlistPublisher }> = async (app, opts) => {
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
};
