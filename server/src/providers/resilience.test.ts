import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from './errors';
import { createProviderHttp } from './http';
import { MemoryRecorder } from './recorder';
import { GuardRegistry, ProviderGuard } from './resilience';
import { HttpEmulator } from './test/http-emulator';

let emu: HttpEmulator;
beforeAll(async () => { emu = await new HttpEmulator(() => ({ status: 200, body: { ok: true } })).start(); });
afterAll(async () => { await emu.stop(); });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('circuit breaker per provider', () => {
  it('opens after consecutive failures, refuses without calling, half-opens and closes on success', async () => {
    emu.reset();
    const recorder = new MemoryRecorder();
    const registry = new GuardRegistry(recorder, { flaky: { timeoutMs: 300, retry: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 }, breaker: { consecutiveFailures: 3, halfOpenAfterMs: 200 } } });
    const guard = registry.get('flaky');
    const http = createProviderHttp({ provider: 'flaky', baseURL: emu.url, timeoutMs: 300, headers: {} });
    const states: string[] = [];
    guard.onStateChange((s) => states.push(s));
    const call = () => guard.call({ endpoint: 'GET /x', method: 'GET', retrySafe: true }, (signal) => http.request({ method: 'GET', url: '/x' }, signal));

    emu.enqueue({ status: 500 }, { status: 502 }, { status: 503 });
    for (let i = 0; i < 3; i++) await expect(call()).rejects.toMatchObject({ kind: 'unavailable' });
    expect(guard.state).toBe('open');
    expect(registry.snapshot()).toEqual([{ provider: 'flaky', breaker: 'open', retryAfterSec: 1 }]);

    const before = emu.requests.length;
    const refused = await call().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ProviderError);
    expect(refused).toMatchObject({ kind: 'circuit_open' });
    expect((refused as ProviderError).retryAfterSec).toBeGreaterThan(0);
    expect(emu.requests.length).toBe(before);

    await sleep(250);
    await expect(call()).resolves.toMatchObject({ status: 200 });
    expect(guard.state).toBe('closed');
    expect(states).toEqual(['open', 'half-open', 'closed']);
    expect(recorder.apiRequests.map((r) => r.outcome)).toEqual(['unavailable', 'unavailable', 'unavailable', 'circuit_open', 'ok']);
  });

  it('does not count our own mistakes (401, 400) against the provider', async () => {
    emu.reset();
    const guard = new ProviderGuard('strict', { breaker: { consecutiveFailures: 2, halfOpenAfterMs: 1000 } });
    const http = createProviderHttp({ provider: 'strict', baseURL: emu.url, timeoutMs: 300, headers: {} });
    emu.enqueue({ status: 401 }, { status: 400 }, { status: 401 });
    for (let i = 0; i < 3; i++) await guard.call({ endpoint: 'GET /x', method: 'GET', retrySafe: true }, (s) => http.request({ method: 'GET', url: '/x' }, s)).catch(() => undefined);
    expect(guard.state).toBe('closed');
    expect(emu.requests).toHaveLength(3);
  });

  it('never retries a call marked unsafe (an OTP verification), even on a 503', async () => {
    emu.reset();
    const guard = new ProviderGuard('otp', { retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 5 } });
    const http = createProviderHttp({ provider: 'otp', baseURL: emu.url, timeoutMs: 300, headers: {} });
    emu.enqueue({ status: 503 }, { status: 503 });
    await expect(guard.call({ endpoint: 'POST /verify', method: 'POST', retrySafe: false }, (s) => http.request({ method: 'POST', url: '/verify', data: {} }, s))).rejects.toMatchObject({ kind: 'unavailable' });
    expect(emu.requests).toHaveLength(1);
  });

  it('adds signature headers only when the adapter has a signing hook', async () => {
    emu.reset();
    const signed = createProviderHttp({ provider: 'signer', baseURL: emu.url, timeoutMs: 300, headers: { 'x-key': 'k' }, signRequest: ({ method, path, body, headers }) => ({ ...headers, 'x-sig': `${method} ${path} ${body.length}` }) });
    await signed.request({ method: 'POST', url: '/p', data: { a: 1 } });
    expect(emu.requests[0]!.headers['x-sig']).toBe('POST /p 7');
    expect(emu.requests[0]!.headers['x-key']).toBe('k');
    expect(emu.requests[0]!.body).toEqual({ a: 1 });
  });

  it('reads Retry-After in seconds and as an HTTP date', async () => {
    const { parseRetryAfter } = await import('./http');
    expect(parseRetryAfter('7')).toBe(7);
    expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThanOrEqual(4);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
