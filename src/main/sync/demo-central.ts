/**
 * Demo mode's central API: `bin/vdex.js server start --json` as a child process
 * on embedded PGlite (kept under the kiosk's data folder), with a per-run admin
 * token so the kiosk can make itself an enrolment code. A child rather than an
 * in-process import because the kiosk never imports server/ (lint rule), it
 * works the same under Electron (ELECTRON_RUN_AS_NODE) and plain Node, and the
 * server's WASM database stays out of the kiosk's process. A packaged build has
 * no bin/vdex.js: demo mode then runs offline and says so.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import axios from 'axios';
import { z } from 'zod';
import type { Logger } from '../../shared/log';
import { runInBackground } from '../child-priority';

export interface DemoCentralApi {
  url: string;
  /** A one-time enrolment code from the embedded server's admin API. */
  enrolmentCode(branchId: string): Promise<string>;
  /** The demo server's watchlist signing key ({keyId: base64 SPKI}) when it publishes the demo lists. */
  bundleKeys?: Record<string, string>;
  close(): Promise<void>;
}

export type StartCentralApi = (options: { dataDir: string; log: Logger }) => Promise<DemoCentralApi | undefined>;

function findCli(): string | undefined {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const cli = path.join(dir, 'bin/vdex.js');
    if (existsSync(cli) && existsSync(path.join(dir, 'server/src/cli.ts'))) return cli;
    dir = path.dirname(dir);
  }
  return undefined;
}

/** The first JSON document `vdex server start --json` prints (cli.ts). */
const StartAnswerSchema = z.object({
  ok: z.literal(true),
  value: z.object({
    url: z.string().regex(/^http:\/\/127\.0\.0\.1:\d+$/),
    watchlists: z.object({ keyId: z.string().min(1).max(64), publicKey: z.string().min(1).max(200) }).optional(),
  }),
});
type StartAnswer = z.infer<typeof StartAnswerSchema>['value'];

export const spawnDemoCentralApi: StartCentralApi = async ({ dataDir, log }) => {
  const cli = findCli();
  if (!cli) {
    log.warn({}, 'demo central API not available in this build; the kiosk works offline');
    return undefined;
  }
  const adminToken = randomBytes(24).toString('base64url');
  const child = spawn(process.execPath, [cli, 'server', 'start', '--json', '--data-dir', path.join(dataDir, 'central-api')], {
    cwd: path.dirname(path.dirname(cli)),
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', VDEX_ADMIN_TOKEN: adminToken, VDEX_MODE: 'demo', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  runInBackground(child);
  // Both pipes are always drained: a child blocked on a full pipe would hang the demo server.
  child.stderr.resume();
  let answered = false;
  const started = await new Promise<StartAnswer | undefined>((resolve) => {
    let buf = '';
    const timer = setTimeout(() => resolve(undefined), 60_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (answered) return;
      buf += chunk;
      // Pretty-printed JSON: the first document ends with a "}" alone on its line.
      const end = buf.indexOf('\n}');
      if (end < 0) return;
      answered = true;
      clearTimeout(timer);
      let parsed: unknown;
      try {
        parsed = JSON.parse(buf.slice(Math.max(0, buf.indexOf('{')), end + 2));
      } catch {
        parsed = undefined;
      }
      const answer = StartAnswerSchema.safeParse(parsed);
      resolve(answer.success ? answer.data.value : undefined);
    });
    child.on('exit', () => resolve(undefined));
  });
  const close = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  };
  if (!started) {
    await close();
    log.warn({}, 'demo central API did not start; the kiosk works offline');
    return undefined;
  }
  const url = started.url;
  log.info({ url, watchlistKey: started.watchlists?.keyId }, 'demo central API started');
  return {
    url,
    ...(started.watchlists ? { bundleKeys: { [started.watchlists.keyId]: started.watchlists.publicKey } } : {}),
    async enrolmentCode(branchId) {
      const res = await axios.post(`${url}/v1/admin/enrolment-codes`, { branchId }, { headers: { authorization: `Bearer ${adminToken}` }, proxy: false, timeout: 10_000 });
      return (res.data as { code: string }).code;
    },
    close,
  };
};
