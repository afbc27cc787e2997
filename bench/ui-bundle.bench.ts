// Renderer bundle size, gzipped, WASM excluded (target ≤ 500 KB). Builds first if out/ is stale.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildIfNeeded } from '../scripts/build-if-needed.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
buildIfNeeded(root);
const files: string[] = [];
const walk = (d: string) => {
  for (const f of readdirSync(d)) {
    const full = path.join(d, f);
    if (statSync(full).isDirectory()) walk(full);
    else if (!f.endsWith('.wasm')) files.push(full);
  }
};
walk(path.join(root, 'out/renderer'));
const raw = files.reduce((n, f) => n + statSync(f).size, 0);
const gz = files.reduce((n, f) => n + gzipSync(readFileSync(f), { level: 9 }).length, 0);
console.log(`renderer bundle: ${(raw / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzipped (WASM excluded; target ≤ 500 KB) in ${files.length} files`);
// What the login screen waits for: the scripts and styles index.html names (lazy chunks, e.g. the camera decoder, load later).
const html = readFileSync(path.join(root, 'out/renderer/index.html'), 'utf8');
const entry = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => path.join(root, 'out/renderer', m[1]!));
const entryRaw = entry.reduce((n, f) => n + statSync(f).size, 0);
const entryGz = entry.reduce((n, f) => n + gzipSync(readFileSync(f), { level: 9 }).length, 0);
console.log(`loaded before the login screen: ${(entryRaw / 1024).toFixed(1)} KB raw, ${(entryGz / 1024).toFixed(1)} KB gzipped in ${entry.length} files (the rest is fetched on demand)`);
process.exit(gz <= 500 * 1024 ? 0 : 1);
