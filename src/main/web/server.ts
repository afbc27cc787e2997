/**
 * Browser mode: serves the renderer build on 127.0.0.1 and speaks the IPC
 * contract over a WebSocket guarded by a random per-run token and an Origin
 * check. Same handlers, validation and errors as the Electron bridge.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { CoreErrorCode } from '../../shared/errors';
import { WEB_IPC_PATH, WEB_MAX_MESSAGE_BYTES, WebRequestSchema, type WebServerMessage } from '../../shared/web-protocol';
import { contentSecurityPolicy, securityHeaders } from '../csp';
import { dispatch } from '../dispatch';
import type { Handlers } from '../handler-types';
import type { Host } from '../host';
import { resolveRendererFile } from '../renderer-files';

export interface WebServerOptions {
  host: Host;
  handlers: Handlers;
  rendererDir: string;
  port?: number;
  /** Fixed token for tests; a random one otherwise. */
  token?: string;
}

export interface WebServer {
  /** The URL to open, token included (in the fragment, so it is never sent in a request line). */
  url: string;
  origin: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const { host, handlers } = options;
  let origin = '';
  let headers: Record<string, string> = {};

  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const resolved = resolveRendererFile(options.rendererDir, new URL(req.url ?? '/', origin).pathname);
    if (!resolved.ok) {
      res.writeHead(resolved.status).end();
      return;
    }
    readFile(resolved.file).then(
      (body) => {
        res.writeHead(200, { ...headers, 'Content-Type': resolved.contentType, 'Cache-Control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      () => res.writeHead(404).end(),
    );
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: WEB_MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    const given = url.searchParams.get('token') ?? '';
    if (url.pathname !== WEB_IPC_PATH || req.headers.origin !== origin || !tokensEqual(given, token)) {
      host.log.warn({ path: url.pathname }, 'refused a browser-mode connection (token or origin)');
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws));
  });

  let nextConnection = 0;
  wss.on('connection', (ws: WebSocket) => {
    const connectionId = `web-${++nextConnection}`;
    const send = (msg: WebServerMessage): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
    };
    const unsubscribe = host.events.onAny((event, payload) => send({ kind: 'event', event, payload }));
    ws.on('close', unsubscribe);
    ws.on('message', async (data) => {
      let request;
      try {
        request = WebRequestSchema.parse(JSON.parse(String(data)));
      } catch {
        send({ kind: 'reply', id: -1, result: { ok: false, error: { code: CoreErrorCode.BAD_INPUT, message: 'Malformed request frame.' } } });
        return;
      }
      const result = await dispatch(handlers, request.channel, request.input, { transport: 'web', connectionId }, host.log);
      send({ kind: 'reply', id: request.id, result });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  headers = securityHeaders(contentSecurityPolicy({ connectSrc: [`ws://127.0.0.1:${port}`] }));

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    port,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
