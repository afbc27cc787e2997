/** Paths of the QR test fixtures (tests and benches only). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const fixture = (...parts: string[]): string => path.join(FIXTURES, ...parts);
