/**
 * The IPC contract: the one table of channels shared by main, preload, the web
 * bridge and the renderer (GitHub Desktop style). Channel names are
 * `domain:verb`; each domain keeps its schemas in `ipc/<domain>.ts` and is
 * spread in here. Adding a channel here without a handler is a type error in
 * `src/main/handlers.ts`, and the contract test covers it automatically.
 */
import { z } from 'zod';
import { agentsChannels } from './ipc/agents';
import { amlChannels } from './ipc/aml';
import { appChannels } from './ipc/app';
import { qrChannels, qrEvents } from './ipc/qr';
import { kycChannels } from './ipc/kyc';
import type { ChannelSpec } from './ipc/define';
import { rdChannels, rdEvents } from './ipc/rd';
import { syncChannels, syncEvents } from './ipc/sync';
import { verifyChannels } from './ipc/verify';
import { ErrorDataSchema, type Result } from './result';

export const channels = {
  ...rdChannels,
  ...qrChannels,
  ...appChannels,
  ...verifyChannels,
  ...agentsChannels,
  ...kycChannels,
  ...amlChannels,
  ...syncChannels,
} satisfies Record<`${string}:${string}`, ChannelSpec>;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
/** What a handler receives after the schema parsed (defaults applied). */
export type ChannelParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;

export const channelNames = Object.keys(channels) as ChannelName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

/**
 * Push events, main -> renderer. Each domain adds its events here. Payloads are
 * validated before they are sent.
 */
export const events = {
  ...syncEvents,
  ...rdEvents,
  ...qrEvents,
  'app:notice': z.object({ level: z.enum(['info', 'warning', 'error']), code: z.string(), message: z.string() }),
} satisfies Record<`${string}:${string}`, z.ZodType>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export const eventNames = Object.keys(events) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/** The one Electron channel that carries push events; its payload is (event name, payload). */
export const EVENT_CHANNEL = 'kiosk:event';

/** The reply envelope, as a schema for the bridges that check it at runtime. */
export const ResultEnvelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorDataSchema }),
]);

/**
 * `window.kiosk`: exactly one function per channel, named as the channel, plus
 * `on` for push events. Nothing else (never `ipcRenderer`).
 */
export type KioskApi = {
  [C in ChannelName]: (...args: ChannelInput<C> extends undefined ? [input?: undefined] : [input: ChannelInput<C>]) => Promise<Result<ChannelOutput<C>>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export type Invoke = (channel: ChannelName, input: unknown) => Promise<Result<unknown>>;
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => () => void;

/** Builds the `window.kiosk` object from a transport (Electron ipcRenderer or the web socket). */
export function createKioskApi(invoke: Invoke, subscribe: Subscribe): KioskApi {
  const api: Record<string, unknown> = {};
  for (const name of channelNames) {
    api[name] = (input?: unknown) => invoke(name, input);
  }
  api.on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!isEventName(event)) throw new Error(`Unknown event ${String(event)}`);
    return subscribe(event, listener);
  };
  return Object.freeze(api) as KioskApi;
}
