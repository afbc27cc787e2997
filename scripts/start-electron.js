// `npm start`: the kiosk in Electron, demo mode. Says so in one line when the Electron binary is missing.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfNeeded } from './build-if-needed.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Read the binary's location ourselves: requiring 'electron' would try to download it.
const electronDir = path.join(root, 'node_modules/electron');
const pathFile = path.join(electronDir, 'path.txt');
const electronBinary = existsSync(pathFile) ? path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : undefined;
if (!electronBinary || !existsSync(electronBinary)) {
  process.stderr.write('The Electron binary is not installed on this machine; run `npm run start:web` to use the kiosk in a browser.\n');
  process.exit(1);
}
buildIfNeeded(root);
const child = spawn(electronBinary, [root], { stdio: 'inherit', env: { ...process.env, VDEX_MODE: process.env.VDEX_MODE ?? 'demo' } });
child.on('exit', (code) => process.exit(code ?? 0));
