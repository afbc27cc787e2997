/** Shared helpers of the rd-* benches: free ports, medians. */
import os from 'node:os';
import { freePorts } from '../test/support/ports';
export { freePorts };


export function stats(samples: number[]): { median: number; p95: number; min: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: at(0.5), p95: at(0.95), min: s[0]! };
}

export const ms = (v: number) => `${v.toFixed(2)} ms`;

/** Timings on a shared machine depend on its load: print it beside every figure. */
export const loadNote = () => `(load average ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} CPUs)`;
