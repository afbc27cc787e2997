/** Shared helpers of the rd-* benches: free ports, medians. */
import net from 'node:net';
import os from 'node:os';

export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: n }, () => new Promise<net.Server>((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => resolve(s));
  })));
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  return ports;
}

export function stats(samples: number[]): { median: number; p95: number; min: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: at(0.5), p95: at(0.95), min: s[0]! };
}

export const ms = (v: number) => `${v.toFixed(2)} ms`;

/** Timings on a shared machine depend on its load: print it beside every figure. */
export const loadNote = () => `(load average ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} CPUs)`;
