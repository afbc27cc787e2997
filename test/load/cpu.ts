/**
 * CPU time spent by the central API and by PostgreSQL during the timed phase
 * of `npm run load`. On a shared 2-core host, items/s says as much about the
 * neighbours as about the server; CPU per 1,000 items does not, and gives the
 * capacity a dedicated host of that size would have.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** The central API's own CPU seconds (prom-client's process_cpu_seconds_total). */
export async function serverCpuSeconds(url: string, adminToken: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${adminToken}` } })).text();
  const m = /^vdex_server_process_cpu_seconds_total (\S+)$/m.exec(text);
  return m ? Number(m[1]) : Number.NaN;
}

function stat(pid: number): { ppid: number; own: number; reaped: number } | undefined {
  try {
    // Fields after the command name (which may hold spaces): state ppid ... utime(14) stime(15) cutime(16) cstime(17).
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), own: Number(f[11]) + Number(f[12]), reaped: Number(f[13]) + Number(f[14]) };
  } catch {
    return undefined;
  }
}

/** CPU seconds of a PostgreSQL server (postmaster, its live backends and the ones it has reaped), Linux only. */
export function postgresCpuSeconds(dataDir: string): number {
  try {
    const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const main = stat(postmaster);
    if (!main) return Number.NaN;
    let ticks = main.own + main.reaped;
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      const s = stat(Number(name));
      if (s?.ppid === postmaster) ticks += s.own;
    }
    return ticks / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}
