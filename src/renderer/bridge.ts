/**
 * The renderer's only door to the rest of the kiosk: `window.kiosk` from the
 * Electron preload, or the WebSocket bridge in browser mode.
 */
import type { KioskApi } from '../shared/ipc';
import { createWebKiosk } from './web-bridge';

declare global {
  interface Window {
    kiosk?: KioskApi;
  }
}

export const kiosk: KioskApi = window.kiosk ?? createWebKiosk(window.location);
