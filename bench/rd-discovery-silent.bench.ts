/**
 * Discovery when silent ports are present (the spec lets a service ignore what
 * it does not understand; other software may hold a port open and say nothing):
 * 2 RD services, 10 silent ports, 9 refusing. The scan must end within its budget.
 */
import net from 'node:net';
import { discoverRdServices } from '../src/devices/rd/discovery';
import { parseRdService } from '../src/devices/rd/rd-service-doc';
import { rdRequest } from '../src/devices/rd/transport';
import { startRdSimulator } from '../simulators/rd-service';
import { freePorts, loadNote, ms, stats } from './rd-support';

const RUNS = 5;
const BUDGET = 1500;
const ports = await freePorts(21);
const sims = await Promise.all([
  startRdSimulator({ port: ports[0], modality: 'finger' }),
  startRdSimulator({ port: ports[20], modality: 'iris', personality: 'morpho' }),
]);
const held = new Set<net.Socket>();
const silent = await Promise.all(ports.slice(1, 11).map((port) => new Promise<net.Server>((resolve) => {
  const s = net.createServer((c) => { held.add(c); c.on('error', () => {}); });
  s.listen(port, '127.0.0.1', () => resolve(s));
})));

const times: number[] = [];
let found = 0;
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  const r = await discoverRdServices({ ports, budgetMs: BUDGET, probeTimeoutMs: 1000 });
  times.push(performance.now() - t);
  found = r.services.length;
}
// One naive sequential scan for comparison (each silent port costs its full 1 s probe timeout).
const tn = performance.now();
let naiveFound = 0;
for (const port of ports) {
  try {
    const res = await rdRequest({ scheme: 'http', port, method: 'RDSERVICE', path: '*', timeoutMs: 1000 });
    parseRdService(res.body);
    naiveFound++;
  } catch {
    // not here
  }
}
const naiveMs = performance.now() - tn;
for (const c of held) c.destroy();
await Promise.all([...silent.map((s) => new Promise<void>((r) => s.close(() => r()))), ...sims.map((s) => s.close())]);
const st = stats(times);
process.stdout.write(`rd discovery with 10 silent + 9 refusing ports, probe timeout 1000 ms, budget ${BUDGET} ms (${RUNS} runs):\n`);
process.stdout.write(`  median ${ms(st.median)}  max ${ms(Math.max(...times))}  services found ${found}/2  (within budget: ${Math.max(...times) <= BUDGET + 50 ? 'yes' : 'NO'})\n`);
process.stdout.write(`  naive sequential scan, same ports, 1 run: ${ms(naiveMs)}, services found ${naiveFound}/2  (ratio ${(naiveMs / st.median).toFixed(1)}x)\n`);
process.stdout.write(`  ${loadNote()}\n`);
