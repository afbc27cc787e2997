/**
 * A tiny scriptable HTTP peer on 127.0.0.1 for provider emulators: records
 * every request, and lets a test queue one-off answers (a 429, a 503, a slow
 * answer) ahead of the emulator's documented default behaviour.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EmulatedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  rawBody: string;
}

export interface EmulatedAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait this long before answering (timeouts). */
  delayMs?: number;
}

export type Behaviour = (req: EmulatedRequest) => EmulatedAnswer;

export class HttpEmulator {
  readonly requests: EmulatedRequest[] = [];
  private readonly queued: Behaviour[] = [];
  private server: http.Server | undefined;
  url = '';

  constructor(private readonly defaultBehaviour: Behaviour) {}

  /** The next request(s) get these answers, in order, instead of the default. */
  enqueue(...answers: Array<EmulatedAnswer | Behaviour>): void {
    for (const a of answers) this.queued.push(typeof a === 'function' ? a : () => a);
  }

  /** Forgets requests and queued answers (between tests). */
  reset(): void {
    this.requests.length = 0;
    this.queued.length = 0;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try { body = rawBody ? JSON.parse(rawBody) : undefined; } catch { body = rawBody; }
        const u = new URL(req.url ?? '/', 'http://127.0.0.1');
        const er: EmulatedRequest = { method: req.method ?? 'GET', path: u.pathname, query: u.searchParams, headers: req.headers, body, rawBody };
        this.requests.push(er);
        const behaviour = this.queued.shift() ?? this.defaultBehaviour;
        const answer = behaviour(er);
        const send = () => {
          if (res.destroyed) return;
          res.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
          res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
        };
        if (answer.delayMs) setTimeout(send, answer.delayMs).unref();
        else send();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
