/**
 * `npm run load [-- --kiosks 200 --seconds 10 --batch 20]`: N simulated kiosks
 * enrol with one-time codes and sync concurrently to the central API on
 * loopback (a throwaway PostgreSQL 15 unless DATABASE_URL is set), each with
 * the kiosk's real signing client, for a bounded time. Prints throughput and
 * request latency percentiles. Goal: >= 2,000 items/s with p99 <= 100 ms.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { startCentralApi } from '../../server/src/start';
import { CentralApiClient } from '../../src/main/sync/client';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { ItemFactory } from '../support/sync-items';

const { values } = parseArgs({ options: { kiosks: { type: 'string', default: '200' }, seconds: { type: 'string', default: '10' }, batch: { type: 'string', default: '20' } } });
const kiosks = Number(values.kiosks);
const seconds = Number(values.seconds);
const batch = Number(values.batch);

let pg: TestPostgres | undefined;
const databaseUrl = process.env.DATABASE_URL ?? (pg = await startPostgres()).url;
const api = await startCentralApi({ databaseUrl, dataKey: randomBytes(32).toString('base64'), poolSize: 40 });
try {
  const admin = { authorization: `Bearer ${api.adminToken}`, 'content-type': 'application/json' };
  const enrolStart = performance.now();
  const clients = await Promise.all(Array.from({ length: kiosks }, async (_, i) => {
    const { code } = (await (await fetch(`${api.url}/v1/admin/enrolment-codes`, { method: 'POST', headers: admin, body: '{"branchId":"BR-LOAD"}' })).json()) as { code: string };
    return new CentralApiClient(await CentralApiClient.enrol(api.url, code, `load-kiosk-${i}`), { timeoutMs: 30_000 });
  }));
  const enrolMs = performance.now() - enrolStart;

  const latencies: number[] = [];
  let applied = 0;
  let failed = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(clients.map(async (client) => {
    const factory = new ItemFactory();
    while (performance.now() < until) {
      const items = factory.mixed(batch);
      const t = performance.now();
      const res = await client.request('POST', '/v1/sync/batch', { items }).catch(() => ({ status: 0, data: undefined }));
      latencies.push(performance.now() - t);
      const results = (res.data as { results?: Array<{ outcome: string }> } | undefined)?.results;
      if (res.status === 200 && results) applied += results.filter((r) => r.outcome === 'applied').length;
      else failed++;
    }
  }));
  const wallS = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);
  const rate = applied / wallS;
  console.log(`kiosks             ${kiosks} (enrolled in ${(enrolMs / 1000).toFixed(1)} s), batch ${batch} items, ${seconds} s`);
  console.log(`items applied      ${applied} in ${wallS.toFixed(1)} s, ${failed} failed requests`);
  console.log(`throughput         ${Math.round(rate)} items/s   (goal >= 2,000) ${rate >= 2000 ? 'OK' : 'MISSED'}`);
  console.log(`request latency    p50 ${pct(50)} ms  p95 ${pct(95)} ms  p99 ${pct(99)} ms   (goal p99 <= 100 ms) ${Number(pct(99)) <= 100 ? 'OK' : 'MISSED'}`);
} finally {
  await api.close();
  pg?.stop();
}
