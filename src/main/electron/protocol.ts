/** The app:// protocol: serves the renderer build with the CSP header, refusing path traversal. */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { contentSecurityPolicy, securityHeaders } from '../csp';
import { resolveRendererFile } from '../renderer-files';
import { APP_HOST, APP_SCHEME } from './policy';

export function registerSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  const headers = securityHeaders(contentSecurityPolicy());
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    const resolved = resolveRendererFile(rendererDir, url.pathname);
    if (!resolved.ok) return new Response('Refused', { status: resolved.status });
    try {
      const body = await readFile(resolved.file);
      return new Response(body, { status: 200, headers: { ...headers, 'Content-Type': resolved.contentType } });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
