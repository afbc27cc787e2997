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

/**
 * Browser mode's main-process entry as one ESM file (`out/web/main/start.js`, three folders deep
 * like src/main/web so its relative paths hold), so `npm run start:web` loads built JS instead of
 * transpiling every src/ module through tsx at start (about 1.5 s on a loaded 2-core box).
 * Dependencies stay external. Returns the file, or undefined if it could not be built.
 */
export async function buildWebEntryIfNeeded(root) {
  const out = path.join(root, 'out/web/main/start.js');
  if (existsSync(out) && newestMtime(path.join(root, 'src')) <= statSync(out).mtimeMs) return out;
  try {
    const { build } = await import('esbuild');
    await build({
      entryPoints: [path.join(root, 'src/main/web/start.ts')], outfile: out, bundle: true, platform: 'node', format: 'esm',
      packages: 'external', target: 'node22', logLevel: 'warning',
    });
    return out;
  } catch {
    return undefined;
  }
}
