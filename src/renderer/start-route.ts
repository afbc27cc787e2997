/**
 * The route the window was opened on (`#/config-refused/<code>`, `#/out-of-service`), read when
 * this module is evaluated: App.tsx imports it before bridge.ts, whose browser-mode bridge clears
 * the address bar's fragment (it carries the session token) as soon as it loads.
 */
export const START_HASH: string = typeof window !== 'undefined' ? window.location.hash : '';
