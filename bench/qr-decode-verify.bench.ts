// Secure QR decode + verify (digits -> BigInt -> capped inflate -> RSA-2048/SHA-256 against the bundled
// UIDAI certificates -> layout): median and p95 per QR, for the real UIDAI sample (verifies with the 4th of
// 4 pinned certificates tried in file order at worst) and a forged V4 vector (test key, trust store of 1).
// Goal: median <= 1 ms.
import { readFileSync } from 'node:fs';
import { decodeSecureQr } from '../src/devices/qr/secure-qr/decode';
import { fixture } from '../src/devices/qr/fixtures';
import { loadTrustStore, TrustStore } from '../src/devices/qr/trust-store';
import { TEST_CERT_FILE } from '../simulators/qr-forge/keys';
import { forgeSecureQr } from '../simulators/qr-forge/secure-qr';

function measure(name: string, digits: string, trust: TrustStore, runs = 2000): void {
  for (let i = 0; i < 200; i++) decodeSecureQr(digits, { trust });
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = decodeSecureQr(digits, { trust });
    times.push(performance.now() - t);
    if (!r.verified) throw new Error('did not verify');
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(runs / 2)]!;
  const p95 = times[Math.floor(runs * 0.95)]!;
  console.log(`${name.padEnd(40)} median ${median.toFixed(3)} ms  p95 ${p95.toFixed(3)} ms  (${digits.length} digits, ${runs} runs)  goal <= 1 ms: ${median <= 1 ? 'met' : 'MISSED'}`);
}

const uidai = readFileSync(fixture('secure-qr', 'uidai-sample-ref2697-2019-03-08.txt'), 'utf8').trim();
measure('UIDAI sample, bundled trust store (4)', uidai, loadTrustStore());
const test = new TrustStore();
test.addFile(TEST_CERT_FILE, 'explicit');
measure('forged V4, test certificate', forgeSecureQr({ layout: 'v4', timestamp: new Date('2024-01-01T00:00:00Z') }), test);
