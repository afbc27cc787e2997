/**
 * Maps a request path to a file inside the renderer build, refusing anything
 * that would leave it (`..`, encoded slashes, absolute paths, NUL). Shared by the
 * Electron app:// protocol and browser mode so both refuse the same things.
 */
import path from 'node:path';

export type ResolvedFile = { ok: true; file: string; contentType: string } | { ok: false; status: 400 | 404 };

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export function resolveRendererFile(rootDir: string, requestPath: string): ResolvedFile {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return { ok: false, status: 400 };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { ok: false, status: 400 };
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.')) return { ok: false, status: 400 };
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  const root = path.resolve(rootDir);
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return { ok: false, status: 400 };
  return { ok: true, file, contentType: contentTypeOf(file) };
}
