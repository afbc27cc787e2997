import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHost } from '../../test/support/host';
import { CoreErrorCode, KioskError } from '../shared/errors';
import { dispatch } from './dispatch';
import { createHandlers } from './handlers';
import type { Handlers } from './handler-types';
import type { Host } from './host';

const ctx = { transport: 'test', connectionId: 't' } as const;

describe('dispatch', () => {
  let host: Host;
  let handlers: Handlers;
  beforeAll(async () => {
    host = await createTestHost();
    handlers = createHandlers(host);
  });
  afterAll(() => host.close());

  it('refuses unknown channels, including prototype keys', async () => {
    for (const name of ['nope:nothing', '__proto__', 'constructor', 42]) {
      const r = await dispatch(handlers, name, undefined, ctx);
      expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: CoreErrorCode.UNKNOWN_CHANNEL }) });
    }
  });

  it('carries a KioskError across as data, code and message intact', async () => {
    const failing = { ...handlers, 'app:info': async () => { throw new KioskError('E_TEST_BROKEN', 'It broke, safely.', { retryAfter: 3 }); } } as Handlers;
    expect(await dispatch(failing, 'app:info', undefined, ctx)).toEqual({ ok: false, error: { code: 'E_TEST_BROKEN', message: 'It broke, safely.', details: { retryAfter: 3 } } });
  });

  it('hides the text of unexpected errors (it may carry identity data)', async () => {
    const failing = { ...handlers, 'app:info': async () => { throw new Error('aadhaar 999941057058 leaked'); } } as Handlers;
    const r = await dispatch(failing, 'app:info', undefined, ctx);
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain('999941057058');
    expect(!r.ok && r.error.code).toBe(CoreErrorCode.INTERNAL);
  });

  it('refuses a handler answer outside the output schema', async () => {
    const wrong = { ...handlers, 'app:info': async () => ({ version: 1 }) } as unknown as Handlers;
    const r = await dispatch(wrong, 'app:info', undefined, ctx);
    expect(!r.ok && r.error.code).toBe(CoreErrorCode.BAD_OUTPUT);
  });
});
