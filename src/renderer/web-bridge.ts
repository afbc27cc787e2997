/**
 * Browser mode's `window.kiosk`: the same contract over the loopback WebSocket.
 * The per-run token arrives in the URL fragment and is dropped from the address bar.
 *
 * Only types come from the contract: the channel list there is built from its
 * zod schemas, and importing it would put zod and every schema (~250 KB
 * minified) in front of the login screen. A Proxy answers any `domain:verb`
 * name instead; the server checks the channel and its input, as it must anyway.
 */
import { CoreErrorCode } from '../shared/errors';
import type { ChannelName, EventName, KioskApi } from '../shared/ipc';
import type { Result } from '../shared/result';
import { WEB_IPC_PATH, type WebServerMessage } from '../shared/web-wire';

const CHANNEL_NAME = /^[a-z0-9-]+:[a-z0-9-]+$/;

/** `window.kiosk` without the channel list: one function per channel-shaped property, plus `on`. */
function createLazyKioskApi(invoke: (channel: ChannelName, input: unknown) => Promise<Result<unknown>>, subscribe: (event: EventName, listener: (payload: unknown) => void) => () => void): KioskApi {
  const made = new Map<string, unknown>();
  return new Proxy(Object.freeze({}) as KioskApi, {
    get(_target, prop) {
      if (prop === 'on') return subscribe;
      // Never `then` and the like: only `domain:verb` names are channels.
      if (typeof prop !== 'string' || !CHANNEL_NAME.test(prop)) return undefined;
      if (!made.has(prop)) made.set(prop, (input?: unknown) => invoke(prop as ChannelName, input));
      return made.get(prop);
    },
  });
}

export function createWebKiosk(location: Location): KioskApi {
  const token = new URLSearchParams(location.hash.replace(/^#/, '')).get('token') ?? '';
  history.replaceState(null, '', location.pathname);
  const socket = new WebSocket(`ws://${location.host}${WEB_IPC_PATH}?token=${encodeURIComponent(token)}`);
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error('closed')), { once: true });
  });
  const pending = new Map<number, (r: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;

  const unavailable: Result<never> = {
    ok: false,
    error: { code: CoreErrorCode.NOT_AVAILABLE, message: 'The kiosk service is not reachable. Restart the kiosk.' },
  };

  socket.addEventListener('message', (e) => {
    const msg = JSON.parse(String(e.data)) as WebServerMessage;
    if (msg.kind === 'reply') pending.get(msg.id)?.(msg.result as Result<unknown>);
    if (msg.kind === 'reply') pending.delete(msg.id);
    if (msg.kind === 'event') listeners.get(msg.event)?.forEach((l) => l(msg.payload));
  });
  socket.addEventListener('close', () => {
    for (const resolve of pending.values()) resolve(unavailable);
    pending.clear();
  });

  return createLazyKioskApi(
    async (channel, input) => {
      try {
        await opened;
      } catch {
        return unavailable;
      }
      if (socket.readyState !== WebSocket.OPEN) return unavailable;
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, channel, input }));
      });
    },
    (event: EventName, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => void set.delete(listener);
    },
  );
}
