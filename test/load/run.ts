/**
 * `npm run load [-- --kiosks 200 --seconds 10 --batch 20 --rate 2100]`: N simulated kiosks enrol with one-time
 * codes and sync concurrently to the central API on loopback (its own process; a throwaway PostgreSQL 15, durable
 * as in production unless --no-durable, or DATABASE_URL when set), each with the kiosk's real signing client, in
 * two bounded phases:
 *  - PACED: each kiosk sends a batch every kiosks x batch / rate seconds (open loop): the goal's load, >= 2,000
 *    items/s offered, where the goal p99 <= 100 ms is checked;
 *  - FLAT OUT: each kiosk sends as soon as it is answered: the capacity. Its latency is queueing by construction
 *    (kiosks x batch items in flight / throughput), so it is printed with that arithmetic, not checked.
 * `--interval-ms N` runs one phase only (0: flat out). Prints throughput, latency percentiles (kiosk side and the
 * server's own histogram) and CPU per 1,000 items for the API, PostgreSQL and the simulated kiosks.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CentralApiClient } from '../../src/main/sync/client';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { ItemFactory } from '../support/sync-items';
import { postgresCpuSeconds, serverCpuSeconds } from './cpu';
import { batchLatencyBuckets, summarise } from './server-latency';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({ options: { kiosks: { type: 'string', default: '200' }, seconds: { type: 'string', default: '10' }, batch: { type: 'string', default: '20' }, 'interval-ms': { type: 'string' }, rate: { type: 'string', default: '2100' }, durable: { type: 'boolean', default: true } }, allowNegative: true });
const kiosks = Number(values.kiosks);
const seconds = Number(values.seconds);
const batch = Number(values.batch);

let pg: TestPostgres | undefined;
// Durable by default (each commit waits for its WAL on disk, as in production); --no-durable for the fast test setting.
const databaseUrl = process.env.DATABASE_URL ?? (pg = await startPostgres({ durable: values.durable })).url;
// The central API runs in its own process (as in production), so the 200 simulated kiosks do not share its event loop.
const adminToken = randomBytes(18).toString('base64url');
const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/src/cli.ts'), 'start', '--json'], {
  cwd: root, stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, DATABASE_URL: databaseUrl, VDEX_ADMIN_TOKEN: adminToken, VDEX_SERVER_DATA_KEY: randomBytes(32).toString('base64') },
});
const url = await new Promise<string>((resolve, reject) => {
  let buf = '';
  server.stdout.setEncoding('utf8').on('data', (d: string) => {
    buf += d;
    const m = /"url":\s*"([^"]+)"/.exec(buf);
    if (m) resolve(m[1]!);
  });
  server.on('exit', () => reject(new Error('the central API did not start')));
});
const api = { url, adminToken, close: async () => { server.kill('SIGTERM'); await new Promise((r) => server.once('exit', r)); } };
try {
  const admin = { authorization: `Bearer ${api.adminToken}`, 'content-type': 'application/json' };
  const enrolStart = performance.now();
  const clients = await Promise.all(Array.from({ length: kiosks }, async (_, i) => {
    const { code } = (await (await fetch(`${api.url}/v1/admin/enrolment-codes`, { method: 'POST', headers: admin, body: '{"branchId":"BR-LOAD"}' })).json()) as { code: string };
    return new CentralApiClient(await CentralApiClient.enrol(api.url, code, `load-kiosk-${i}`), { timeoutMs: 30_000 });
  }));
  const enrolMs = performance.now() - enrolStart;

  const factories = clients.map(() => new ItemFactory());
  console.log(`kiosks             ${kiosks} (enrolled in ${(enrolMs / 1000).toFixed(1)} s), batch ${batch} items, ${seconds} s per phase`);
  console.log(`database           ${pg ? `PostgreSQL on loopback, ${values.durable ? 'durable (fsync, synchronous_commit on)' : 'NOT durable (fsync, synchronous_commit off)'}` : 'DATABASE_URL'}`);
  // Without --interval-ms: the goal's phase (paced at --rate offered items/s), then the flat-out capacity phase.
  const phases = values['interval-ms'] !== undefined ? [Number(values['interval-ms'])] : [(kiosks * batch * 1000) / Number(values.rate), 0];
  // Warm-up, not measured: one batch per kiosk, so the phases meet a running server (JIT, prepared statements, caches).
  await Promise.all(clients.map((client, i) => client.request('POST', '/v1/sync/batch', { items: factories[i]!.mixed(batch) }).catch(() => undefined)));
  for (const intervalMs of phases) await runPhase(intervalMs);

  async function runPhase(intervalMs: number): Promise<void> {
    const latencies: number[] = [];
    let applied = 0;
    let failed = 0;
    const cpuBefore = { server: await serverCpuSeconds(api.url, api.adminToken), postgres: pg ? postgresCpuSeconds(pg.dataDir) : Number.NaN, load: process.cpuUsage() };
    const serverLatencyBefore = await batchLatencyBuckets(api.url, api.adminToken);
    const until = performance.now() + seconds * 1000;
    const started = performance.now();
    await Promise.all(clients.map(async (client, i) => {
      const factory = factories[i]!;
      // Paced kiosks start spread over one interval, as real ones would, not all in the same millisecond.
      if (intervalMs > 0) await new Promise((r) => setTimeout(r, Math.random() * intervalMs));
      // Paced: a batch every intervalMs on the kiosk's own clock (open loop), so the kiosks offer kiosks x batch / interval
      // items/s whatever the latency; a kiosk still waiting for its last answer sends the next batch when it arrives.
      let next = performance.now();
      while (performance.now() < until) {
        const items = factory.mixed(batch);
        const t = performance.now();
        const res = await client.request('POST', '/v1/sync/batch', { items }).catch(() => ({ status: 0, data: undefined }));
        latencies.push(performance.now() - t);
        const results = (res.data as { results?: Array<{ outcome: string }> } | undefined)?.results;
        if (res.status === 200 && results) applied += results.filter((r) => r.outcome === 'applied').length;
        else failed++;
        if (intervalMs > 0) {
          next += intervalMs;
          const wait = Math.min(until, next) - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        }
      }
    }));
    const wallS = (performance.now() - started) / 1000;
    const serverLatency = summarise(serverLatencyBefore, await batchLatencyBuckets(api.url, api.adminToken), 0.1);
    const cpu = {
      server: (await serverCpuSeconds(api.url, api.adminToken)) - cpuBefore.server,
      postgres: pg ? postgresCpuSeconds(pg.dataDir) - cpuBefore.postgres : Number.NaN,
      load: (() => { const u = process.cpuUsage(cpuBefore.load); return (u.user + u.system) / 1e6; })(),
    };
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
    const rate = applied / wallS;
    const paced = intervalMs > 0;
    console.log('');
    console.log(paced
      ? `PACED              a batch every ${Math.round(intervalMs)} ms per kiosk: ${Math.round((kiosks * batch * 1000) / intervalMs)} items/s offered (the goal's load)`
      : 'FLAT OUT           every kiosk sends its next batch as soon as the last is answered (capacity)');
    console.log(`items applied      ${applied} in ${wallS.toFixed(1)} s, ${failed} failed requests`);
    console.log(`throughput         ${Math.round(rate)} items/s${paced ? `   (goal >= 2,000) ${rate >= 2000 ? 'OK' : 'MISSED'}` : ''}`);
    const perK = (sec: number) => (Number.isFinite(sec) ? `${((sec * 1000 * 1000) / Math.max(1, applied)).toFixed(0)} ms` : 'n/a');
    console.log(`CPU per 1,000 items  central API ${perK(cpu.server)}, PostgreSQL ${perK(cpu.postgres)}, simulated kiosks ${perK(cpu.load)}`);
    const serverSide = cpu.server + (Number.isFinite(cpu.postgres) ? cpu.postgres : 0);
    if (applied > 0 && serverSide > 0) {
      console.log(`capacity           ~${Math.round((2 * applied) / serverSide)} items/s on 2 dedicated cores (API + PostgreSQL CPU only; this host is shared)`);
    }
    const p99 = pct(99);
    console.log(`request latency    p50 ${pct(50).toFixed(1)} ms  p95 ${pct(95).toFixed(1)} ms  p99 ${p99.toFixed(1)} ms${paced ? `   (goal p99 <= 100 ms) ${p99 <= 100 ? 'OK' : 'MISSED'}` : ''}  [seen by the kiosks]`);
    if (!paced) {
      // Little's law: with every kiosk always waiting on one batch, latency is what is in flight over the throughput.
      console.log(`                   flat out, latency is queueing: ${kiosks} x ${batch} items in flight / ${Math.round(rate)} items/s = ${Math.round((kiosks * batch * 1000) / Math.max(1, rate))} ms`);
    }
    console.log(`inside the server  ${(serverLatency.within * 100).toFixed(1)}% of ${serverLatency.count} batches answered within 100 ms; p99 ${Number.isFinite(serverLatency.p99Bound) ? `<= ${serverLatency.p99Bound * 1000} ms` : '> 5000 ms'} (histogram bucket)`);
  }
} finally {
  await api.close();
  pg?.stop();
}
