/**
 * The push-event bus of the main process. Services emit typed events; the
 * Electron bridge and the web bridge forward them to renderers. Payloads are
 * validated against the contract before they leave, so a bad emit is caught here.
 */
import { EventEmitter } from 'node:events';
import { events, type EventName, type EventPayload } from '../shared/ipc';

export type EventListener = (event: EventName, payload: unknown) => void;

export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(100);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const parsed = events[event].parse(payload);
    this.emitter.emit('event', event, parsed);
  }

  /** Every event, for a bridge. Returns an unsubscribe function. */
  onAny(listener: EventListener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const wrapped: EventListener = (name, payload) => {
      if (name === event) listener(payload as EventPayload<E>);
    };
    return this.onAny(wrapped);
  }
}
