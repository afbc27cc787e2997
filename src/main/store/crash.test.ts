/**
 * Crash test: a child process commits onboardings and is killed with SIGKILL
 * at random moments, 100 times, on the same SQLCipher file. Afterwards every
 * onboarding it acknowledged is present, PRAGMA integrity_check is ok and the
 * audit chain verifies. The child is bundled once with esbuild so each start
 * costs tens of milliseconds instead of a TypeScript loader's hundreds.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileKeyStore } from './keys/test-key-store';
import { Store } from './store';
import { tempDir } from './test-support/fixtures';

const KILLS = 100;
const repoRoot = path.resolve(import.meta.dirname, '../../..');
// Inside node_modules/ so the bundle resolves the native addon from the project.
const bundle = path.join(repoRoot, 'node_modules/.cache/vdex-store-crash-child.mjs');
const data = tempDir('vdex-crash-');

beforeAll(async () => {
  mkdirSync(path.dirname(bundle), { recursive: true });
  await build({
    entryPoints: [path.join(import.meta.dirname, 'test-support/crash-child.ts')], bundle: true, platform: 'node', format: 'esm',
    target: 'node22', outfile: bundle, external: ['better-sqlite3-multiple-ciphers', 'keytar'], logLevel: 'silent',
  });
});
afterAll(() => data.cleanup());

/** Runs the child until READY, lets it commit for a random while, kills it; returns what it acknowledged. */
function runAndKill(runId: number): Promise<{ acked: string[]; signal: string | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, data.dir, String(runId)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    let armed = false;
    // One run in five is killed at a random moment of its start (opening, WAL recovery, migration
    // check); the others at a random moment after their first acknowledged commit.
    if (runId % 5 === 4) {
      armed = true;
      setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 200));
    }
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!armed && out.includes('ACK ')) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 50));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const guard = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(guard);
      resolve({ acked: [...out.matchAll(/^ACK (\S+)$/gm)].map((m) => m[1]!), signal, stderr });
    });
  });
}

describe('crash safety (SIGKILL during commits)', () => {
  it(`keeps every acknowledged onboarding through ${KILLS} kills; integrity ok; chain verifies`, async () => {
    const acked: string[] = [];
    const started = Date.now();
    for (let run = 0; run < KILLS; run++) {
      const r = await runAndKill(run);
      expect(r.stderr).toBe('');
      expect(r.signal).toBe('SIGKILL');
      acked.push(...r.acked);
    }
    const elapsed = Date.now() - started;
    const store = await Store.open({ dataDir: data.dir, mode: 'development', keyStore: new FileKeyStore(data.dir) });
    try {
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(store.db.pragma('foreign_key_check')).toEqual([]);
      const saved = new Set(store.db.prepare('SELECT reference FROM kyc_records').pluck().all() as string[]);
      const lost = acked.filter((ref) => !saved.has(ref));
      expect(lost).toEqual([]);
      expect(acked.length).toBeGreaterThanOrEqual(KILLS * 0.8); // most kills landed mid-stream, after commits
      const verification = store.audit.verify();
      expect(verification.ok).toBe(true);
      // Each record has exactly its outbox row and its two audit entries (nothing half-written).
      expect(store.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(saved.size);
      expect(store.db.prepare(`SELECT count(*) FROM audit_log WHERE action = 'kyc.record.saved'`).pluck().get()).toBe(saved.size);
      console.info(`crash test: ${KILLS} kills, ${acked.length} acknowledged, ${saved.size} saved, ${verification.checked} audit entries, ${elapsed} ms`);
    } finally {
      store.close();
    }
  }, 90_000);
});
