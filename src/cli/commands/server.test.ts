import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../main';

describe('vdex server (runs the central API CLI as a child, embedded PGlite)', () => {
  it('migrates a fresh embedded database, and reports usage errors', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vdex-server-cli-'));
    const out: string[] = [];
    const io = { out: (s: string) => void out.push(s), err: (s: string) => void out.push(s), readStdin: async () => '' };
    try {
      expect(await main(['server', 'migrate', '--json', '--data-dir', dir], io)).toBe(0);
      expect(JSON.parse(out.join('\n'))).toMatchObject({ ok: true, value: { applied: [1, 2], engine: 'pglite' } });
      out.length = 0;
      expect(await main(['server', 'explode', '--json'], io)).toBe(1);
      expect(out.join('\n')).toMatch(/E_CLI_USAGE/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
