/**
 * Discovery against real sockets on 127.0.0.1: RD simulators (plain and TLS)
 * among silent, refusing, non-RD and garbage ports, all inside a private list
 * of free ports; plus one scan of the real 11100-11120 range.
 * (Lives under simulators/: src/ may not import simulators/.)
 */
import http from 'node:http';
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverRdServices, RD_PORTS } from '../../src/devices/rd/discovery';
import { startRdSimulator, type RdSimulator } from './index';

const closers: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

async function listen(server: net.Server, port = 0): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const open = new Set<net.Socket>();
  server.on('connection', (c: net.Socket) => { open.add(c); c.on('close', () => open.delete(c)); });
  closers.push(() => new Promise<void>((r) => {
    for (const c of open) c.destroy();
    server.close(() => r());
  }));
  return (server.address() as net.AddressInfo).port;
}

/** A port that was free a moment ago and now refuses connections. */
async function refusingPort(): Promise<number> {
  const s = net.createServer();
  const port = await new Promise<number>((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as net.AddressInfo).port)));
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function silentPort(): Promise<number> {
  return listen(net.createServer((c) => void c.on('error', () => {})));
}

async function sims(...opts: Array<Parameters<typeof startRdSimulator>[0]>): Promise<RdSimulator[]> {
  const out = await Promise.all(opts.map((o) => startRdSimulator({ captureDelayMs: 10, ...o })));
  for (const s of out) closers.push(() => s.close());
  return out;
}

describe('discovery', () => {
  it('finds every RD service among silent, refusing and non-RD ports, ranked, and ends within budget', async () => {
    const [finger, iris, tlsIris, busy] = await sims(
      { personality: 'spec', modality: 'finger' },
      { personality: 'mantra', modality: 'iris' },
      { personality: 'startek', modality: 'iris', tls: true },
      { personality: 'morpho', modality: 'finger', status: 'NOTREADY' },
    );
    const web = http.createServer((_req, res) => { res.writeHead(404, { 'Content-Type': 'text/html' }); res.end('<html>not here</html>'); });
    const banner = net.createServer((c) => { c.on('error', () => {}); c.end('SSH-2.0-OpenSSH_9.2\r\n'); });
    const ports = [
      finger!.port, iris!.port, tlsIris!.port, busy!.port,
      await silentPort(), await silentPort(), await listen(web), await listen(banner),
      ...(await Promise.all(Array.from({ length: 13 }, refusingPort))),
    ];
    expect(ports).toHaveLength(21);
    const budgetMs = 900;
    const t0 = Date.now();
    const result = await discoverRdServices({ ports, budgetMs, probeTimeoutMs: 400 });
    const elapsed = Date.now() - t0;
    expect(elapsed).toBeLessThan(budgetMs + 150);
    const found = result.services.map((s) => [s.port, s.scheme, s.status, s.modality]);
    expect(found).toEqual(expect.arrayContaining([
      [finger!.port, 'http', 'READY', 'finger'],
      [iris!.port, 'http', 'READY', 'iris'],
      [tlsIris!.port, 'https', 'READY', 'iris'],
      [busy!.port, 'http', 'NOTREADY', 'finger'],
    ]));
    expect(result.services).toHaveLength(4);
    expect(result.services.at(-1)!.port).toBe(busy!.port); // READY before NOTREADY
    const morpho = result.services.find((s) => s.port === busy!.port)!;
    expect(morpho.interfaces.capture).toBe('/capture'); // host:port prefix stripped
    expect(morpho.deviceInfo?.dc).toBe(busy!.device.dc);
  });

  it('a range of silent ports cannot stretch discovery past its budget', async () => {
    const ports = await Promise.all(Array.from({ length: 21 }, silentPort));
    const t0 = Date.now();
    const result = await discoverRdServices({ ports, budgetMs: 500, probeTimeoutMs: 2000 });
    expect(Date.now() - t0).toBeLessThan(650);
    expect(result.services).toEqual([]);
    expect(result.budgetExhausted).toBe(true);
  });

  it('scans the real 11100-11120 range and finds services that took the first free ports there', async () => {
    const [a, b] = await sims({ portRange: [11100, 11120], modality: 'finger' }, { portRange: [11100, 11120], modality: 'iris', personality: 'mantra' });
    expect(RD_PORTS).toContain(a!.port);
    expect(RD_PORTS).toContain(b!.port);
    const result = await discoverRdServices({ budgetMs: 1500 });
    const ours = result.services.filter((s) => s.port === a!.port || s.port === b!.port);
    expect(ours.map((s) => s.modality).sort()).toEqual(['finger', 'iris']);
  });
});
