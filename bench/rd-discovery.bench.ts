/**
 * Discovery of 2 RD services among 21 loopback ports (19 refuse), median of
 * repeated runs, beside a naive sequential scan (one RDSERVICE probe after the
 * other, as vendor sample pages do) measured in the same run. Goal: <= 50 ms median.
 */
import { discoverRdServices } from '../src/devices/rd/discovery';
import { rdRequest } from '../src/devices/rd/transport';
import { parseRdService } from '../src/devices/rd/rd-service-doc';
import { startRdSimulator } from '../simulators/rd-service';
import { freePorts, loadNote, ms, stats } from './rd-support';

const RUNS = 30;
const ports = await freePorts(21);
const sims = await Promise.all([
  startRdSimulator({ port: ports[3], modality: 'finger', personality: 'mantra' }),
  startRdSimulator({ port: ports[11], modality: 'iris', personality: 'spec' }),
]);

async function naiveSequential(): Promise<number> {
  let found = 0;
  for (const port of ports) {
    try {
      const res = await rdRequest({ scheme: 'http', port, method: 'RDSERVICE', path: '*', timeoutMs: 1000 });
      parseRdService(res.body);
      found++;
    } catch {
      // not here
    }
  }
  return found;
}

const ours: number[] = [];
const naive: number[] = [];
for (let i = 0; i < RUNS; i++) {
  let t = performance.now();
  const r = await discoverRdServices({ ports, budgetMs: 1500 });
  ours.push(performance.now() - t);
  if (r.services.length !== 2) throw new Error(`expected 2 services, found ${r.services.length}`);
  t = performance.now();
  if ((await naiveSequential()) !== 2) throw new Error('naive scan missed a service');
  naive.push(performance.now() - t);
}
await Promise.all(sims.map((s) => s.close()));
const o = stats(ours);
const n = stats(naive);
process.stdout.write(`rd discovery, 2 services among 21 ports (${RUNS} runs, with DEVICEINFO on each service):\n`);
process.stdout.write(`  parallel discovery   median ${ms(o.median)}  p95 ${ms(o.p95)}  (goal <= 50 ms: ${o.median <= 50 ? 'met' : 'MISSED'})\n`);
process.stdout.write(`  naive sequential     median ${ms(n.median)}  p95 ${ms(n.p95)}  (RDSERVICE only, no DEVICEINFO)\n`);
process.stdout.write(`  ratio naive/parallel ${(n.median / o.median).toFixed(2)}x\n`);
process.stdout.write(`  ${loadNote()}\n`);
