/**
 * Security decisions as pure functions, so they are unit-tested under plain
 * Node. The Electron glue in this folder only wires them to events.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Origin of a URL, or null when it does not parse. Custom schemes have no WHATWG origin, so build it. */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

export interface SenderFrameLike {
  url: string;
  /** null for a top-level frame. */
  parent: unknown;
}

/**
 * An IPC sender is trusted only when it is the main frame of our window and its
 * URL is our own origin (plus the dev server's origin in development).
 */
export function isTrustedSender(frame: SenderFrameLike | null | undefined, allowedOrigins: readonly string[]): boolean {
  if (!frame || frame.parent !== null) return false;
  const origin = originOf(frame.url);
  return origin !== null && allowedOrigins.includes(origin);
}

/** Navigation away from the loaded app is never allowed; in-app routing is hash based. */
export function isNavigationAllowed(targetUrl: string, currentUrl: string): boolean {
  const target = originOf(targetUrl);
  const current = originOf(currentUrl);
  if (target === null || current === null || target !== current) return false;
  try {
    const a = new URL(targetUrl);
    const b = new URL(currentUrl);
    return a.pathname === b.pathname && a.search === b.search; // only the hash may change
  } catch {
    return false;
  }
}

/** The camera (media, video only) for our own origin; everything else is denied. */
export function isPermissionAllowed(
  permission: string,
  requestingUrl: string,
  allowedOrigins: readonly string[],
  details: { mediaTypes?: ReadonlyArray<string> } = {},
): boolean {
  const origin = originOf(requestingUrl);
  if (origin === null || !allowedOrigins.includes(origin)) return false;
  if (permission !== 'media') return false;
  const types = details.mediaTypes ?? ['video'];
  return types.length > 0 && types.every((t) => t === 'video');
}

export interface KeyInput {
  type: string;
  key: string;
  control: boolean;
  meta: boolean;
  shift: boolean;
  alt: boolean;
}

/** Reload, devtools, print, close, zoom and fullscreen shortcuts are blocked in production kiosks. */
export function isBlockedShortcut(input: KeyInput): boolean {
  if (input.type !== 'keyDown') return false;
  const key = input.key.toLowerCase();
  const mod = input.control || input.meta;
  if (key === 'f5' || key === 'f11' || key === 'f12') return true;
  if (mod && ['r', 'w', 'p', 'q', '+', '-', '=', '0'].includes(key)) return true;
  if (mod && input.shift && ['i', 'j', 'c'].includes(key)) return true;
  return false;
}

/**
 * Renderer crash policy: reload to the safe home screen, unless it has crashed
 * too often recently, in which case show the out-of-service page.
 */
export function crashAction(crashTimes: readonly number[], now: number, limit = 3, windowMs = 5 * 60_000): 'reload' | 'out-of-service' {
  const recent = crashTimes.filter((t) => now - t <= windowMs).length;
  return recent >= limit ? 'out-of-service' : 'reload';
}
