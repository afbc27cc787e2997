/**
 * The central API as a Fastify app. `buildServer(options)` wires the database,
 * field cipher, device registry, authenticator, ingestion and metrics, so tests,
 * `vdex server start`, the load test and the kiosk's demo launcher all embed
 * the same server.
 */
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { MAX_BATCH_BYTES, MAX_BATCH_ITEMS, SyncBatchSchema } from '../../src/shared/sync/items';
import { HEADER_SERVER_TIME } from '../../src/shared/sync/signing';
import { DeviceRegistry } from './auth/devices';
import { HttpError } from './auth/errors';
import { Authenticator, replayError, type Identity } from './auth/verify';
import { FieldCipher } from './crypto/fields';
import type { Database } from './db/database';
import { Ingestor } from './ingest/ingest';
import { createMetrics, type ServerMetrics } from './metrics';
import { registerVerification, type Verification, type VerificationOptions } from './routes/verify/plugin';
import { watchlistRoutes, type WatchlistPublisher } from './watchlists/routes';

export interface ServerOptions {
  db: Database;
  /** Bearer token for admin routes. */
  adminToken: string;
  /** 32-byte key for personal-data columns. */
  dataKey: Buffer;
  logger?: boolean;
  /** Clock, for tests of the replay window. */
  now?: () => number;
  defaultMetrics?: boolean;
  /** Online verification providers (/v1/verify/*); absent: those routes are not served. */
  verification?: VerificationOptions;
  /** Signed watchlist bundles for kiosks (/v1/watchlists/*); each publish re-screens every customer. Absent: not served. */
  watchlists?: WatchlistPublisher;
}

export interface CentralApi {
  app: FastifyInstance;
  metrics: ServerMetrics;
  devices: DeviceRegistry;
  ingestor: Ingestor;
  verification?: Verification;
}

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: Buffer;
    identity?: Identity;
  }
}

const EnrolmentCodeInput = z.object({ branchId: z.string().min(1).max(64), ttlMinutes: z.number().int().min(1).max(7 * 24 * 60).optional() });
const EnrolInput = z.object({ code: z.string().min(8).max(64), name: z.string().min(1).max(100), publicKey: z.string().min(40).max(1000) });

export function newAdminToken(): string {
  return randomBytes(24).toString('base64url');
}

export async function buildServer(options: ServerOptions): Promise<CentralApi> {
  const { db } = options;
  const metrics = createMetrics({ defaultMetrics: options.defaultMetrics ?? false });
  const devices = new DeviceRegistry(db);
  const auth = new Authenticator(db, devices, options.adminToken, options.now);
  const ingestor = new Ingestor(db, new FieldCipher(options.dataKey), metrics);
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: MAX_BATCH_BYTES });

  // Keep the exact body bytes: the device signature covers their hash.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    (req as FastifyRequest).rawBody = body as Buffer;
    if ((body as Buffer).length === 0) return done(null, undefined);
    try {
      done(null, JSON.parse((body as Buffer).toString('utf8')));
    } catch {
      done(new HttpError(400, 'E_BAD_JSON', 'The body is not valid JSON.'), undefined);
    }
  });

  app.addHook('onRequest', async (_req, reply) => {
    reply.header(HEADER_SERVER_TIME, String((options.now ?? Date.now)()));
  });
  app.addHook('onResponse', async (req, reply) => {
    metrics.requestDuration.observe(
      { method: req.method, route: req.routeOptions.url ?? 'unknown', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  // Every route but /health (and enrolment, which carries its own one-time code) needs an identity.
  app.addHook('preHandler', async (req) => {
    const route = req.routeOptions.url;
    if (route === '/health' || route === '/v1/devices/enrol') return;
    try {
      // The batch route stores the nonce in its own transaction: one commit per batch instead of two.
      const deferNonce = route === '/v1/sync/batch';
      req.identity = await auth.authenticate({ method: req.method, url: req.url, headers: req.headers, rawBody: req.rawBody }, { deferNonce });
    } catch (e) {
      if (e instanceof HttpError) metrics.authFailures.inc({ code: e.code });
      throw e;
    }
    if (route?.startsWith('/v1/admin/') || route === '/metrics') {
      if (req.identity.kind !== 'admin') throw new HttpError(403, 'E_AUTH_ADMIN_ONLY', 'This route needs the admin token.');
    }
  });

  app.setErrorHandler((err, _req, reply) => {
    if (err instanceof HttpError) return reply.status(err.status).send({ code: err.code, message: err.message, ...err.extra });
    const e = err as { statusCode?: number; code?: string };
    if (e.statusCode === 413 || e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send({ code: 'E_SYNC_TOO_LARGE', message: `The batch is larger than ${MAX_BATCH_BYTES} bytes.` });
    }
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return reply.status(e.statusCode).send({ code: 'E_BAD_REQUEST', message: 'The request is not valid.' });
    app.log.error({ err: (err as Error).message }, 'request failed');
    return reply.status(500).send({ code: 'E_INTERNAL', message: 'The server failed; the request can be retried.' });
  });

  const device = (req: FastifyRequest) => {
    if (req.identity?.kind !== 'device') throw new HttpError(403, 'E_AUTH_DEVICE_ONLY', 'This route is for enrolled devices.');
    return req.identity;
  };

  const verification = options.verification ? await registerVerification(app, { ...options.verification, db, registry: metrics.registry }) : undefined;
  if (options.watchlists) await app.register(watchlistRoutes, { publisher: options.watchlists, rescreen: { db, cipher: new FieldCipher(options.dataKey) } });

  app.get('/health', async (_req, reply) => {
    let database: 'up' | 'down' = 'up';
    try {
      await db.query('SELECT 1');
    } catch {
      database = 'down';
    }
    return reply.status(database === 'up' ? 200 : 503).send({
      status: database,
      checkedAt: new Date().toISOString(),
      database: { status: database, engine: db.kind },
      // Each provider's circuit breaker (routes/verify), when verification is configured.
      providers: verification?.health() ?? {},
    });
  });

  app.get('/metrics', async (_req, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));

  app.post('/v1/admin/enrolment-codes', async (req) => {
    const input = EnrolmentCodeInput.safeParse(req.body);
    if (!input.success) throw new HttpError(422, 'E_BAD_INPUT', 'branchId is required.');
    return devices.createEnrolmentCode(input.data.branchId, input.data.ttlMinutes);
  });
  app.get('/v1/admin/devices', async () => ({ devices: await devices.list() }));
  app.post<{ Params: { id: string } }>('/v1/admin/devices/:id/revoke', async (req) => {
    if (!(await devices.revoke(req.params.id))) throw new HttpError(404, 'E_DEVICE_NOT_FOUND', 'No active device with that id.');
    return { revoked: req.params.id };
  });
  app.get<{ Params: { id: string } }>('/v1/admin/devices/:id/digest', async (req) => ingestor.digest(req.params.id));

  app.post('/v1/devices/enrol', async (req) => {
    const input = EnrolInput.safeParse(req.body);
    if (!input.success) throw new HttpError(401, 'E_ENROL_BAD_CODE', 'Enrolment needs a one-time code, a name and an Ed25519 public key.');
    return devices.enrol({ code: input.data.code, name: input.data.name, publicKeyPem: input.data.publicKey });
  });

  app.get('/v1/sync/head', async (req) => {
    const { deviceId } = device(req);
    const { rows } = await db.query<{ last_seq: number; last_hash: string; last_outbox_seq: number }>(
      'SELECT last_seq, last_hash, last_outbox_seq FROM device_chain_heads WHERE device_id = $1', [deviceId],
    );
    const h = rows[0];
    return { deviceId, chain: { seq: Number(h?.last_seq ?? 0), hash: h?.last_hash ?? '' }, lastOutboxSeq: Number(h?.last_outbox_seq ?? 0) };
  });

  app.post('/v1/sync/batch', async (req, reply) => {
    const { deviceId, pendingNonce } = device(req);
    try {
      const envelope = SyncBatchSchema.safeParse(req.body);
      if (!envelope.success) throw new HttpError(400, 'E_SYNC_BAD_BATCH', 'The body must be { items: [...] } with a key and seq per item.');
      if (envelope.data.items.length > MAX_BATCH_ITEMS) {
        throw new HttpError(413, 'E_SYNC_TOO_MANY', `A batch holds at most ${MAX_BATCH_ITEMS} items.`, { maxItems: MAX_BATCH_ITEMS });
      }
      // The nonce is stored in the batch's transaction (E_AUTH_REPLAY when it was there already).
      const out = await ingestor.ingest(deviceId, envelope.data.items as Array<Record<string, unknown>>, pendingNonce);
      return reply.status(out.status).send(out.body);
    } catch (e) {
      // Whatever failed rolled the nonce back with it (or came before it): keep it now, so this signed request cannot be
      // replayed either; if it was there already, this is a replay and says so.
      const fresh = e instanceof HttpError && e.status === 401 ? true : await auth.storeNonce(deviceId, pendingNonce!).catch(() => true);
      const answer = fresh ? e : replayError();
      if (answer instanceof HttpError && answer.status === 401) metrics.authFailures.inc({ code: answer.code });
      throw answer;
    }
  });

  return { app, metrics, devices, ingestor, ...(verification ? { verification } : {}) };
}
