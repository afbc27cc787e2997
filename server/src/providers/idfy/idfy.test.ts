import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../errors';
import { MemoryRecorder } from '../recorder';
import { ProviderGuard } from '../resilience';
import { IdfyClient } from './client';
import { IDFY_KEYS, IdfyEmulator } from './idfy.emulator';
import { IdfyPanProvider } from './pan';
import { IdfyPassportProvider } from './passport';

const meta = { consentRef: 'consent-1', journeyId: '9d0c3a52-7a39-4b1e-9a59-0d2b1b9f5e11', deviceId: 'dev-1' };
const fast = { timeoutMs: 300, retry: { maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 50 }, breaker: { consecutiveFailures: 50, halfOpenAfterMs: 1000 } };

let emu: IdfyEmulator;
let recorder: MemoryRecorder;
let guard: ProviderGuard;
let client: IdfyClient;

beforeAll(async () => {
  emu = await new IdfyEmulator().start();
  emu.pans.set('ABCPS1234K', { name: 'RAHUL SHARMA', dob: '1990-05-17' });
  emu.pans.set('ABCPV5678L', { name: 'ANITA VERMA', dob: '1985-01-02', status: 'Existing and Valid. PAN is Inoperative' });
  emu.passports.set('PN1067476816213', { dob: '1990-05-17', name: 'RAHUL', surname: 'SHARMA', applicationDate: '2019-02-11' });
});
afterAll(async () => { await emu.stop(); });
beforeEach(() => {
  emu.reset();
  emu.pollsBeforeDone = 2;
  emu.failingSources.clear();
  recorder = new MemoryRecorder();
  guard = new ProviderGuard('idfy', fast, recorder);
  client = new IdfyClient({ baseURL: emu.url, ...IDFY_KEYS, pollIntervalMs: 10, pollBudgetMs: 2000 }, guard);
});

describe('IDfy PAN (ind_pan, sync)', () => {
  it('sends the documented envelope and headers, with no signature header', async () => {
    const r = await new IdfyPanProvider(client).verifyPan({ pan: 'ABCPS1234K', name: 'Rahul Sharma', dob: '1990-05-17' }, meta);
    expect(r).toMatchObject({ status: 'verified', maskedPan: 'XXXXX1234K', nameMatch: true, dobMatch: true, aadhaarSeeded: true, provider: 'idfy' });
    const req = emu.requests[0]!;
    expect(req.path).toBe('/v3/tasks/sync/verify_with_source/ind_pan');
    expect(req.headers['api-key']).toBe(IDFY_KEYS.apiKey);
    expect(req.headers['account-id']).toBe(IDFY_KEYS.accountId);
    expect(Object.keys(req.headers).filter((h) => /signature/i.test(h))).toEqual([]);
    expect(req.body).toMatchObject({ group_id: meta.journeyId, data: { id_number: 'ABCPS1234K', full_name: 'Rahul Sharma', dob: '1990-05-17' } });
    expect((req.body as { task_id: string }).task_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('treats id_not_found as a result, and reports mismatch and inoperative PANs', async () => {
    const pan = new IdfyPanProvider(client);
    expect((await pan.verifyPan({ pan: 'ZZZPZ9999Z', name: 'X', dob: '1990-01-01' }, meta)).status).toBe('not_found');
    expect((await pan.verifyPan({ pan: 'ABCPS1234K', name: 'Rahul Sharma', dob: '1991-05-17' }, meta))).toMatchObject({ status: 'mismatch', dobMatch: false });
    expect((await pan.verifyPan({ pan: 'ABCPV5678L', name: 'Anita Verma', dob: '1985-01-02' }, meta)).status).toBe('inoperative');
    expect(recorder.apiRequests.every((r) => r.outcome === 'ok')).toBe(true);
  });

  it('maps 401 to an auth error and does not retry it', async () => {
    const bad = new IdfyClient({ baseURL: emu.url, apiKey: 'wrong', accountId: 'wrong' }, guard);
    const err = await new IdfyPanProvider(bad).verifyPan({ pan: 'ABCPS1234K', name: 'R', dob: '1990-05-17' }, meta).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ kind: 'auth', httpStatus: 401 });
    expect(emu.requests).toHaveLength(1);
  });

  it('retries a 429 and a 503 with backoff, then succeeds; the retries are recorded', async () => {
    emu.enqueue({ status: 429, body: { error: 'TOO_MANY_REQUESTS' }, headers: { 'retry-after': '0' } });
    const r = await new IdfyPanProvider(client).verifyPan({ pan: 'ABCPS1234K', name: 'RAHUL SHARMA', dob: '1990-05-17' }, meta);
    expect(r.status).toBe('verified');
    expect(emu.requests).toHaveLength(2);
    expect(recorder.apiRequests.at(-1)).toMatchObject({ outcome: 'ok', retries: 1, endpoint: 'POST /v3/tasks/sync/verify_with_source/ind_pan' });

    emu.enqueue({ status: 503, body: {} }, { status: 503, body: {} });
    const err = await new IdfyPanProvider(client).verifyPan({ pan: 'ABCPS1234K', name: 'RAHUL SHARMA', dob: '1990-05-17' }, meta).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'unavailable', httpStatus: 503 });
    expect(recorder.apiRequests.at(-1)).toMatchObject({ outcome: 'unavailable', retries: 1, httpStatus: 503 });
  });

  it('times out a provider that does not answer within its budget', async () => {
    emu.enqueue({ status: 200, body: {}, delayMs: 1000 }, { status: 200, body: {}, delayMs: 1000 });
    const t0 = Date.now();
    const err = await new IdfyPanProvider(client).verifyPan({ pan: 'ABCPS1234K', name: 'RAHUL SHARMA', dob: '1990-05-17' }, meta).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'timeout' });
    expect(Date.now() - t0).toBeLessThan(900);
  });

  it('maps 400 (malformed dob) to bad_request and an unknown task type to not_supported', async () => {
    const err = await new IdfyPanProvider(client).verifyPan({ pan: 'ABCPS1234K', name: 'R', dob: '1990-05-17T00:00:00Z' }, meta).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'bad_request', httpStatus: 400 });
    const nf = await client.run('verify_with_source', 'ind_aadhaar_otp', {}, { mode: 'sync', meta }).catch((e: unknown) => e);
    expect(nf).toMatchObject({ kind: 'not_supported', httpStatus: 404 });
  });
});

describe('IDfy passport (ind_passport, async)', () => {
  it('polls GET /v3/tasks?request_id= through in_progress until completed', async () => {
    emu.pollsBeforeDone = 3;
    const r = await new IdfyPassportProvider(client).verifyPassport({ fileNumber: 'PN1067476816213', dob: '1990-05-17' }, meta);
    expect(r).toMatchObject({ status: 'verified', maskedFileNumber: 'XXXXXXXXXXX6213', givenName: 'RAHUL', surname: 'SHARMA' });
    expect(JSON.stringify(r)).not.toContain('Z1234567');
    const polls = emu.requests.filter((q) => q.method === 'GET');
    expect(polls).toHaveLength(4);
    expect(polls[0]!.query.get('request_id')).toBe(r.providerRequestId);
    expect(emu.requests[0]!.body).toMatchObject({ data: { passport_file_number: 'PN1067476816213', date_of_birth: '1990-05-17' } });
  });

  it('returns not_found for id_not_found and source_unavailable for a failed task', async () => {
    emu.pollsBeforeDone = 0;
    const p = new IdfyPassportProvider(client);
    expect((await p.verifyPassport({ fileNumber: 'PN0000000000000', dob: '1990-05-17' }, meta)).status).toBe('not_found');
    emu.failingSources.add('ind_passport');
    expect((await p.verifyPassport({ fileNumber: 'PN1067476816213', dob: '1990-05-17' }, meta)).status).toBe('source_unavailable');
  });

  it('gives up when the task stays in progress past the poll budget', async () => {
    emu.pollsBeforeDone = 1000;
    const slow = new IdfyClient({ baseURL: emu.url, ...IDFY_KEYS, pollIntervalMs: 20, pollBudgetMs: 150 }, guard);
    const err = await new IdfyPassportProvider(slow).verifyPassport({ fileNumber: 'PN1067476816213', dob: '1990-05-17' }, meta).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'timeout' });
  });
});
