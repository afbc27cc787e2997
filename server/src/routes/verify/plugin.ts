/**
 * /v1/verify/*: online verification for enrolled kiosks (behind the app's
 * device authentication). Registered by buildServer with one call; exposes the
 * provider breaker states for /health and /metrics.
 *   POST /v1/verify/otp/request     {idNumber, journeyId, consentRef, agentId}  -> OtpInitiateResult | 429 + Retry-After
 *   POST /v1/verify/otp/verify      {txnId, otp, journeyId, agentId}            -> OtpVerifyResult
 *   GET  /v1/verify/bio/wadh?modality=finger|iris                               -> {wadh, env}
 *   POST /v1/verify/bio/authenticate {idNumber, modality, pidDataXml, wadh, ...} -> BioAuthResult
 *   POST /v1/verify/pan             {pan, name, dob, ...}                       -> PanResult
 *   POST /v1/verify/passport        {fileNumber, dob, name?, ...}               -> PassportResult
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { z } from 'zod';
import { HttpError } from '../../auth/errors';
import type { Database } from '../../db/database';
import { PgVerificationRecorder } from '../../providers/pg-recorder';
import { MemoryRecorder, type ApiRequestRecord, type OtpAttemptRecord, type VerificationRecorder } from '../../providers/recorder';
import { buildProviders, type BuiltProviders, type ProvidersConfig } from '../../providers/registry';
import type { BreakerState } from '../../providers/resilience';
import { BioInput, OtpRequestInput, OtpVerifyInput, PanInput, PassportInput, VerificationService } from './service';

export interface VerificationOptions {
  providers: ProvidersConfig;
  /** HMAC key for Aadhaar keyed hashes (32 bytes). */
  hashKey: Buffer;
  /** Where attempts go; default: the database when given, else memory. */
  recorder?: VerificationRecorder;
  now?: () => number;
}

export interface Verification {
  service: VerificationService;
  providers: BuiltProviders;
  recorder: VerificationRecorder;
  /** For /health: each provider's breaker. */
  health(): Record<string, { status: 'up' | 'degraded' | 'down'; breaker: BreakerState; retryAfterSec: number }>;
}

const BREAKER_VALUE: Record<BreakerState, number> = { closed: 0, open: 1, 'half-open': 2, isolated: 3 };

/** Counts provider outcomes and OTP limit refusals on the way to the real recorder. */
class CountingRecorder implements VerificationRecorder {
  constructor(private readonly inner: VerificationRecorder, private readonly calls: Counter<'provider' | 'outcome'>, private readonly limited: Counter<'scope'>) {}
  async apiRequest(r: ApiRequestRecord) {
    this.calls.inc({ provider: r.provider, outcome: r.outcome });
    await this.inner.apiRequest(r);
  }
  async otpAttempt(r: OtpAttemptRecord) {
    if (r.status === 'rate_limited') this.limited.inc({ scope: r.failureReason?.replace('limit:', '') ?? 'unknown' });
    await this.inner.otpAttempt(r);
  }
}

export async function registerVerification(app: FastifyInstance, opts: VerificationOptions & { db?: Database; registry: Registry }): Promise<Verification> {
  const calls = new Counter({ name: 'vdex_provider_requests_total', help: 'Provider calls by provider and outcome (retries within a call count once)', labelNames: ['provider', 'outcome'], registers: [opts.registry] });
  const limited = new Counter({ name: 'vdex_otp_rate_limited_total', help: 'OTP requests refused by the 5-per-15-minutes limits, by scope', labelNames: ['scope'], registers: [opts.registry] });
  const recorder = new CountingRecorder(opts.recorder ?? (opts.db ? new PgVerificationRecorder(opts.db) : new MemoryRecorder()), calls, limited);
  const providers = buildProviders(opts.providers, recorder);
  const service = new VerificationService(providers, recorder, opts.hashKey, opts.now);
  new Gauge({
    name: 'vdex_provider_breaker_state',
    help: 'Circuit breaker per provider: 0 closed, 1 open, 2 half-open, 3 isolated',
    labelNames: ['provider'],
    registers: [opts.registry],
    collect() {
      for (const s of providers.guards.snapshot()) this.set({ provider: s.provider }, BREAKER_VALUE[s.breaker]);
    },
  });
  app.addHook('onClose', async () => service.close());

  const deviceOf = (req: FastifyRequest): string => {
    const id = req.identity as { kind?: string; deviceId?: string } | undefined;
    if (id?.kind !== 'device' || !id.deviceId) throw new HttpError(403, 'E_AUTH_DEVICE_ONLY', 'This route is for enrolled devices.');
    return id.deviceId;
  };
  const parse = <S extends z.ZodType>(schema: S, body: unknown): z.infer<S> => {
    const r = schema.safeParse(body);
    if (!r.success) throw new HttpError(422, 'E_BAD_INPUT', `Invalid field: ${r.error.issues.map((i) => i.path.join('.')).filter(Boolean).join(', ') || 'body'}.`);
    return r.data;
  };
  /** Answers errors here so 429/503 carry Retry-After for the agent's countdown. */
  const handle = (fn: (req: FastifyRequest) => Promise<unknown>) => async (req: FastifyRequest, reply: FastifyReply) => {
    try {
      return await fn(req);
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      const retry = e.extra.retryAfterSec;
      if (typeof retry === 'number') reply.header('retry-after', String(retry));
      return reply.status(e.status).send({ code: e.code, message: e.message, ...e.extra });
    }
  };

  app.post('/v1/verify/otp/request', handle((req) => { const device = deviceOf(req); return service.requestOtp(parse(OtpRequestInput, req.body), device); }));
  app.post('/v1/verify/otp/verify', handle((req) => { const device = deviceOf(req); return service.verifyOtp(parse(OtpVerifyInput, req.body), device); }));
  app.get('/v1/verify/bio/wadh', handle(async (req) => {
    deviceOf(req);
    const modality = (req.query as { modality?: string }).modality;
    if (modality !== 'finger' && modality !== 'iris') throw new HttpError(422, 'E_BAD_INPUT', 'modality must be finger or iris.');
    return service.wadh(modality);
  }));
  app.post('/v1/verify/bio/authenticate', handle((req) => { const device = deviceOf(req); return service.authenticate(parse(BioInput, req.body), device); }));
  app.post('/v1/verify/pan', handle((req) => { const device = deviceOf(req); return service.verifyPan(parse(PanInput, req.body), device); }));
  app.post('/v1/verify/passport', handle((req) => { const device = deviceOf(req); return service.verifyPassport(parse(PassportInput, req.body), device); }));

  return {
    service,
    providers,
    recorder,
    health() {
      return Object.fromEntries(providers.guards.snapshot().map((s) => [s.provider, {
        status: s.breaker === 'closed' ? 'up' as const : s.breaker === 'half-open' ? 'degraded' as const : 'down' as const,
        breaker: s.breaker,
        retryAfterSec: s.retryAfterSec,
      }]));
    },
  };
}
