/**
 * Interface paths as services advertise them are untrusted: some Morpho builds
 * emit `/127.0.0.1:11102/capture`, others full URLs. We keep only an
 * origin-form path on loopback and refuse anything that would send the kiosk
 * (and a PID block) elsewhere.
 */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export const FALLBACK_PATHS = { capture: ['/rd/capture', '/capture'], deviceInfo: ['/rd/info', '/getDeviceInfo'] } as const;

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.toLowerCase());
}

/**
 * Sanitises an advertised Interface path. Returns undefined when the path is
 * unusable or points off the machine.
 */
export function sanitizeInterfacePath(raw: string): string | undefined {
  let p = raw.trim();
  if (p.length === 0 || p.length > 512) return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f\\]/.test(p)) return undefined;
  const url = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)(.*)$/i.exec(p);
  if (url) {
    const host = hostOf(url[1]!);
    if (!isLoopbackHost(host)) return undefined;
    p = url[2] || '/';
  }
  // Host:port prefix without a scheme, with or without a leading slash.
  const prefixed = /^\/*((?:\[[^\]]*\]|[^/:]+):\d{1,5})(\/.*|)$/.exec(p);
  if (prefixed) {
    if (!isLoopbackHost(hostOf(prefixed[1]!))) return undefined;
    p = prefixed[2] || '/';
  }
  p = p.replace(/[?#].*$/, '');
  p = `/${p}`.replace(/\/{2,}/g, '/');
  const segments = p.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return undefined;
  if (!/^[A-Za-z0-9._~!$&'()*+,;=:@%/-]+$/.test(p)) return undefined;
  return p;
}

function hostOf(authority: string): string {
  const noUser = authority.includes('@') ? authority.slice(authority.lastIndexOf('@') + 1) : authority;
  if (noUser.startsWith('[')) return noUser.slice(0, noUser.indexOf(']') + 1);
  const colon = noUser.lastIndexOf(':');
  return colon >= 0 ? noUser.slice(0, colon) : noUser;
}
