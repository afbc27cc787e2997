/**
 * Demo mode's simulated RD services (one fingerprint, one iris).
 *
 * Why a child process: src/main may not import simulators/ (they are never
 * packaged), and the Electron entry cannot have a launcher inject a function
 * into it the way scripts/start-web.js could. Spawning `bin/vdex.js simulate rd`
 * works the same under Electron (ELECTRON_RUN_AS_NODE) and plain Node, keeps
 * the peer out of the kiosk's process and bundle, and is simply absent in a
 * packaged build (no bin/vdex.js there): demo mode then says so and goes on.
 * Each simulator takes the first free port in 11100-11120, like a real service,
 * and presents DEMO_SUBJECT: the uidai-sandbox's first test resident (Rahul
 * Kumar Sharma, 9999 0000 0016), so a first biometric onboarding matches.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_SUBJECT } from '../../devices/rd/pid/synthetic-biometrics';
import type { Logger } from '../../shared/log';
import { runInBackground } from '../child-priority';

export interface DemoPeer {
  modality: 'finger' | 'iris';
  port: number;
}

export interface DemoPeers {
  peers: DemoPeer[];
  stop(): Promise<void>;
}

export type StartDemoPeers = (log: Logger) => Promise<DemoPeers>;

function findCli(): string | undefined {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'bin', 'vdex.js');
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return undefined;
}

/** The `vdex` arguments of one demo peer (exported for the test that runs them on another port range). */
export function demoPeerArgs(modality: 'finger' | 'iris', personality: string, portRange = '11100-11120'): string[] {
  return ['simulate', 'rd', '--port-range', portRange, '--modality', modality, '--personality', personality, '--subject', DEMO_SUBJECT, '--json', '--stdin-lifeline'];
}

function startOne(cli: string, modality: 'finger' | 'iris', personality: string, log: Logger): Promise<{ child: ChildProcess; peer?: DemoPeer }> {
  const child = spawn(process.execPath, [cli, ...demoPeerArgs(modality, personality)], {
    cwd: path.dirname(path.dirname(cli)),
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    // stdin is the lifeline: if the kiosk dies without stopping the peer, the pipe closes and the peer exits.
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  runInBackground(child);
  return new Promise((resolve) => {
    let buf = '';
    const timer = setTimeout(() => done(undefined), 20_000);
    const done = (peer: DemoPeer | undefined) => {
      clearTimeout(timer);
      child.stdout?.removeAllListeners('data');
      resolve({ child, peer });
    };
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      buf += chunk;
      const line = buf.split('\n').find((l) => l.includes('"listening"'));
      if (!line) return;
      try {
        const msg = JSON.parse(line) as { port: number };
        done({ modality, port: msg.port });
      } catch {
        done(undefined);
      }
    });
    child.stderr?.resume();
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) log.warn({ modality, code }, 'demo RD simulator exited');
      done(undefined);
    });
  });
}

/** Default: spawn one fingerprint and one iris simulator through the vdex CLI. */
export const spawnDemoPeers: StartDemoPeers = async (log) => {
  const cli = findCli();
  if (!cli) {
    log.warn({}, 'demo RD simulators unavailable (no bin/vdex.js in this build)');
    return { peers: [], stop: async () => {} };
  }
  // In parallel: if both try the same port, the loser's listen fails and it takes the next one.
  const started = await Promise.all([startOne(cli, 'finger', 'mantra', log), startOne(cli, 'iris', 'spec', log)]);
  return {
    peers: started.flatMap((s) => (s.peer ? [s.peer] : [])).sort((a, b) => a.modality.localeCompare(b.modality)),
    async stop() {
      await Promise.all(started.map(({ child }) => new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        // Closing the lifeline is the graceful stop; signals only if the peer does not go.
        child.stdin?.end();
        setTimeout(() => child.kill('SIGTERM'), 2000).unref();
        setTimeout(() => { child.kill('SIGKILL'); resolve(); }, 4000).unref();
      })));
    },
  };
};
