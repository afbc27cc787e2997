// `npm run start:web`: builds if needed, then serves the kiosk on 127.0.0.1 and prints the URL.
// Runs the built browser-mode entry (out/web/main/start.js); falls back to src/ through tsx.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildIfNeeded, buildWebEntryIfNeeded } from './build-if-needed.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
buildIfNeeded(root);
const built = await buildWebEntryIfNeeded(root);
let startBrowserMode;
if (built) ({ startBrowserMode } = await import(pathToFileURL(built).href));
else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ startBrowserMode } = await import('../src/main/web/start.ts'));
}
const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : Number(process.env.VDEX_WEB_PORT ?? 0) || undefined;
const app = await startBrowserMode({ port, rendererDir: path.join(root, 'out/renderer') });
process.stdout.write(`V-DEX Verify (browser mode, ${app.host.config.mode}) at ${app.server.url}\n`);
const stop = () => void app.close().finally(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
