// Builds the renderer (and main/preload) when out/ is missing or older than src/.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (!entry.name.includes('.test.')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

export function buildIfNeeded(root, { force = false } = {}) {
  const marker = path.join(root, 'out/renderer/index.html');
  const stale = !existsSync(marker) || newestMtime(path.join(root, 'src')) > statSync(marker).mtimeMs;
  if (!force && !stale) return;
  const bin = path.join(root, 'node_modules/.bin/electron-vite');
  const r = spawnSync(bin, ['build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error('electron-vite build failed');
}
