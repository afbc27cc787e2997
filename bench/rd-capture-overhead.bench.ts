/**
 * Client overhead per capture, the simulated finger time excluded: a loopback
 * server replays a recorded RDSERVICE answer and a recorded PidData instantly,
 * so what is measured is the client's work (PidOptions build, RDSERVICE
 * re-verify, CAPTURE call, PidData parse, SHA-256 of the payload). Goal: <= 5 ms.
 * Also printed: a full capture against the simulator with zero placement time.
 */
import net from 'node:net';
import { RdClient } from '../src/devices/rd/client';
import { startRdSimulator } from '../simulators/rd-service';
import { loadNote, ms, stats } from './rd-support';

const RUNS = 200;
const sim = await startRdSimulator({ modality: 'finger', personality: 'spec', captureDelayMs: 0 });
const client = new RdClient();
const recorded = await client.capture({ port: sim.port }, { fCount: 1, timeout: 10_000 });

const full: number[] = [];
for (let i = 0; i < 50; i++) {
  const t = performance.now();
  await client.capture({ port: sim.port }, { fCount: 1, timeout: 10_000 });
  full.push(performance.now() - t);
}
await sim.close();

const rdservice = '<RDService status="READY" info="replay Fingerprint"><Interface id="CAPTURE" path="/rd/capture"/><Interface id="DEVICEINFO" path="/rd/info"/></RDService>';
const reply = (body: string) => `HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
const replay = net.createServer((c) => {
  c.on('error', () => {});
  c.once('data', (d: Buffer) => c.end(reply(d.toString('latin1').startsWith('CAPTURE') ? recorded.xml : rdservice)));
});
await new Promise<void>((r) => replay.listen(0, '127.0.0.1', () => r()));
const port = (replay.address() as net.AddressInfo).port;
const overhead: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  const out = await client.capture({ port }, { fCount: 1, timeout: 10_000 });
  overhead.push(performance.now() - t);
  if (out.payload.sha256 !== recorded.payload.sha256) throw new Error('replay mismatch');
}
await new Promise<void>((r) => replay.close(() => r()));
const o = stats(overhead);
const f = stats(full);
process.stdout.write(`rd client overhead per capture (${RUNS} captures against an instant replay, 2 loopback round trips each):\n`);
process.stdout.write(`  median ${ms(o.median)}  p95 ${ms(o.p95)}  (goal <= 5 ms: ${o.median <= 5 ? 'met' : 'MISSED'})\n`);
process.stdout.write(`  full capture vs simulator, zero placement time (includes simulator signing + encryption): median ${ms(f.median)}  p95 ${ms(f.p95)}\n`);
process.stdout.write(`  ${loadNote()}\n`);
