/**
 * A fault-injecting HTTP proxy on loopback between the kiosk and the central
 * API. On `rate` of requests it answers 500 or 503, hangs past the client's
 * timeout, resets the connection before forwarding, or forwards and then
 * resets (the server committed; the kiosk never hears it: the duplicate case).
 * The kind of each injected fault goes round the list, and the first faults
 * fall on every other request, so a short run still meets every kind (a
 * uniform draw left one kind out now and then and the test could not say it
 * had survived it) without failing requests back to back into the breaker.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = '500' | '503' | 'hang' | 'reset-before' | 'reset-after';

export interface FaultProxy {
  url: string;
  counts: Record<Fault | 'forwarded', number>;
  rate: number;
  close(): Promise<void>;
}

export async function startFaultProxy(target: string, options: { rate: number; hangMs?: number; random?: () => number }): Promise<FaultProxy> {
  const t = new URL(target);
  const random = options.random ?? Math.random;
  const faults: Fault[] = ['500', '503', 'hang', 'reset-before', 'reset-after'];
  const counts: FaultProxy['counts'] = { '500': 0, '503': 0, hang: 0, 'reset-before': 0, 'reset-after': 0, forwarded: 0 };
  const proxy: FaultProxy = { url: '', counts, rate: options.rate, close: async () => undefined };
  let requests = 0;
  let injected = 0;
  const nextFault = (): Fault | undefined => {
    const n = requests++;
    const owed = injected < faults.length && n % 2 === 1;
    if (!owed && random() >= proxy.rate) return undefined;
    return faults[injected++ % faults.length];
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const fault = nextFault();
      if (fault) counts[fault]++;
      if (fault === '500' || fault === '503') return void res.writeHead(Number(fault), { 'content-type': 'application/json' }).end('{"code":"E_PROXY_FAULT","message":"injected"}');
      if (fault === 'hang') return void setTimeout(() => res.destroy(), options.hangMs ?? 3_000);
      if (fault === 'reset-before') return void req.socket.destroy();
      counts.forwarded++;
      const up = http.request({ host: t.hostname, port: t.port, method: req.method, path: req.url, headers: req.headers }, (upRes) => {
        const body: Buffer[] = [];
        upRes.on('data', (c: Buffer) => body.push(c));
        upRes.on('end', () => {
          if (fault === 'reset-after') return void req.socket.destroy();
          res.writeHead(upRes.statusCode ?? 502, upRes.headers).end(Buffer.concat(body));
        });
      });
      up.on('error', () => req.socket.destroy());
      up.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () => new Promise((r) => {
    server.closeAllConnections();
    server.close(() => r());
  });
  return proxy;
}
