/**
 * The IPC contract test: enumerates the whole channel table and proves, for
 * every channel, that it is registered with ipcMain, refuses a bad payload
 * with a typed error, refuses a forged sender, and that the preload API has
 * exactly one function per channel. `electron` cannot run here: ipcMain is
 * replaced by a recorder with the same `handle` signature (the only stand-in).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHost } from '../../test/support/host';
import { CoreErrorCode } from '../shared/errors';
import { channelNames, channels, createKioskApi, eventNames } from '../shared/ipc';
import type { Result } from '../shared/result';
import { registerIpc, type IpcMainLike } from './electron/ipc-bridge';
import { APP_ENTRY_URL, APP_ORIGIN } from './electron/policy';
import { createHandlers } from './handlers';
import type { Host } from './host';

type Listener = (event: unknown, ...args: unknown[]) => Promise<unknown>;

function recorder() {
  const registered = new Map<string, Listener>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => void registered.set(channel, listener as Listener),
    removeHandler: (channel) => void registered.delete(channel),
  };
  return { ipc, registered };
}

const ownFrame = { senderFrame: { url: APP_ENTRY_URL, parent: null }, sender: { id: 1 } };
/** A value no channel accepts: every input schema is an object or undefined. */
const BAD_PAYLOAD = Symbol.for('not-serialisable') as unknown;

describe('IPC contract', () => {
  let host: Host;
  const { ipc, registered } = recorder();

  beforeAll(async () => {
    host = await createTestHost();
    registerIpc(ipc, createHandlers(host), [APP_ORIGIN]);
  });
  afterAll(() => host.close());

  it('names every channel domain:verb and every event domain:event', () => {
    expect(channelNames.length).toBeGreaterThan(0);
    for (const name of [...channelNames, ...eventNames]) expect(name).toMatch(/^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*$/);
  });

  it('registers every channel with ipcMain and nothing else', () => {
    expect([...registered.keys()].sort()).toEqual([...channelNames].sort());
  });

  it.each(channelNames)('%s refuses a malformed payload with a typed error', async (name) => {
    const result = (await registered.get(name)!(ownFrame, BAD_PAYLOAD)) as Result<unknown>;
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(CoreErrorCode.BAD_INPUT);
      expect(result.error.message).toContain(name);
    }
  });

  it.each(channelNames)('%s refuses a forged sender (other origin, or a subframe)', async (name) => {
    const forged = [
      { senderFrame: { url: 'https://evil.example/index.html', parent: null }, sender: { id: 2 } },
      { senderFrame: { url: APP_ENTRY_URL, parent: {} }, sender: { id: 2 } },
      { senderFrame: null, sender: { id: 2 } },
      { senderFrame: { url: 'file:///etc/passwd', parent: null }, sender: { id: 2 } },
    ];
    for (const event of forged) {
      const result = (await registered.get(name)!(event, undefined)) as Result<unknown>;
      expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: CoreErrorCode.FORBIDDEN_SENDER }) });
    }
  });

  it('answers app:info and app:health for our own frame, typed by the output schemas', async () => {
    const info = (await registered.get('app:info')!(ownFrame, undefined)) as Result<unknown>;
    expect(info.ok && channels['app:info'].output.parse(info.value).productName).toBe('V-DEX Verify');
    const health = (await registered.get('app:health')!(ownFrame, undefined)) as Result<unknown>;
    expect(health.ok && channels['app:health'].output.parse(health.value).services.map((s) => s.name)).toContain('kiosk');
  });

  it('gives the renderer exactly one function per channel, plus on()', () => {
    const api = createKioskApi(async () => ({ ok: true, value: null }), () => () => {});
    expect(Object.keys(api).sort()).toEqual([...channelNames, 'on'].sort());
    expect(Object.isFrozen(api)).toBe(true);
    expect(() => api.on('no:such' as never, () => {})).toThrow();
  });
});
