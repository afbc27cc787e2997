// Serial frame -> qr:scanned latency through the real host: a 3,181-digit Secure QR written to one end of a
// socat pty pair at once (the terminator being its last byte), a SerialScanner configured in scanners.json on
// the other; time from the write returning to the qr:scanned event. The inter-character timeout is not on this
// path (the CR ends the frame). Median and p95 of 30 scans.
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixture } from '../src/devices/qr/fixtures';
import { loadConfig } from '../src/main/config';
import { createHost } from '../src/main/host';
import { createLogger } from '../src/main/log';
import { ptyPair } from '../test/support/pty-pair';

const { a, b, proc } = await ptyPair();
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vdex-bench-serial-'));
writeFileSync(path.join(dataDir, 'scanners.json'), JSON.stringify({ serial: [{ path: a, baudRate: 115200, terminator: 'cr' }], hid: false, hotplug: false }));
const host = await createHost({ config: loadConfig({ dataDir, demoPeers: false, mode: 'development' }, {}), runtime: 'web', log: createLogger({ level: 'silent' }) });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
for (let i = 0; i < 100 && !host.qr.hub?.status().some((s) => s.kind === 'serial' && s.state === 'listening'); i++) await sleep(20);
const payload = Buffer.from(`${readFileSync(fixture('secure-qr', 'uidai-sample-ref2697-2019-03-08.txt'), 'utf8').trim()}\r`);
const fd = openSync(b, 'w');
const times: number[] = [];
for (let i = 0; i < 35; i++) {
  const got = new Promise<number>((resolve) => {
    const off = host.events.on('qr:scanned', () => {
      off();
      resolve(performance.now());
    });
  });
  const t = performance.now();
  writeSync(fd, payload);
  const end = await got;
  if (i >= 5) times.push(end - t);
  await sleep(10);
}
closeSync(fd);
await host.close();
proc.kill();
times.sort((x, y) => x - y);
console.log(`serial frame -> qr:scanned: median ${times[15]!.toFixed(2)} ms, p95 ${times[28]!.toFixed(2)} ms (30 scans of ${payload.length} bytes over a socat pty)`);
