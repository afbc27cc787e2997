/**
 * The whole preload: exposes the contract as `window.kiosk`, one function per
 * channel plus `on` for push events. Never `ipcRenderer` itself.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createKioskApi, EVENT_CHANNEL, type EventName } from '../shared/ipc';
import type { Result } from '../shared/result';

const api = createKioskApi(
  (channel, input) => ipcRenderer.invoke(channel, input) as Promise<Result<unknown>>,
  (event: EventName, listener) => {
    const wrapped = (_e: unknown, name: string, payload: unknown): void => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => void ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
  },
);

contextBridge.exposeInMainWorld('kiosk', api);
