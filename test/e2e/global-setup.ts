// Builds the app once before the end-to-end tests (browser mode serves out/renderer).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfNeeded } from '../../scripts/build-if-needed.js';

export default function setup(): void {
  buildIfNeeded(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'));
}
