import type { ChannelName, ChannelOutput, ChannelParsedInput } from '../shared/ipc';

export type Handler<C extends ChannelName> = (input: ChannelParsedInput<C>, ctx: CallContext) => Promise<ChannelOutput<C>>;

/** Who is calling: which transport, and (once agents exist) the logged-in agent. */
export interface CallContext {
  transport: 'electron' | 'web' | 'test';
  /** Opaque id of the renderer connection, for per-window state. */
  connectionId: string;
}

export type Handlers = { [C in ChannelName]: Handler<C> };

/** The handlers of one domain: every channel whose name starts with the prefix. */
export type HandlersFor<P extends string> = { [C in ChannelName as C extends `${P}${string}` ? C : never]: Handler<C> };
