// JPEG 2000 photo decode (OpenJPEG WASM, local .wasm) + RGBA + PNG data URL, 60x60 UIDAI sample photo:
// cold (first call, includes WASM instantiation) and warm median / p95. Goal: <= 20 ms.
import { readFileSync } from 'node:fs';
import { fixture } from '../src/devices/qr/fixtures';
import { decodeJpeg2000, photoToPngDataUrl } from '../src/devices/qr/photo/jpeg2000';

const bytes = readFileSync(fixture('secure-qr', 'expected', 'uidai-sample-ref2697-2019-03-08.photo.j2k'));
let t = performance.now();
photoToPngDataUrl(await decodeJpeg2000(bytes));
const cold = performance.now() - t;
const times: number[] = [];
for (let i = 0; i < 300; i++) {
  t = performance.now();
  photoToPngDataUrl(await decodeJpeg2000(bytes));
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const median = times[150]!;
console.log(`photo decode cold ${cold.toFixed(1)} ms; warm median ${median.toFixed(2)} ms, p95 ${times[285]!.toFixed(2)} ms (300 runs, ${bytes.length} B J2K -> 60x60 PNG)  goal <= 20 ms: ${median <= 20 ? 'met' : 'MISSED'}`);
