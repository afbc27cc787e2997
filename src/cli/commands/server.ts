/**
 * `vdex server migrate|status|validate|rollback|start [--json]`: the central
 * API's runner. The kiosk never imports server/ (lint rule), so this runs the
 * server's own CLI (server/src/cli.ts) as a child process with the same
 * Node and tsx, passing arguments and output through.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliCommand } from '../command';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export const serverCommand: CliCommand = {
  name: 'server',
  summary: 'The central API: migrate, status, validate, rollback (refused in production) and start; DATABASE_URL or embedded PGlite',
  usage: 'vdex server migrate|status|validate|rollback|start [--json] [--steps N] [--port N] [--data-dir DIR]',
  async run(args, io) {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/src/cli.ts'), ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.setEncoding('utf8').on('data', (d: string) => io.out(d.replace(/\n$/, '')));
    child.stderr.setEncoding('utf8').on('data', (d: string) => io.err(d.replace(/\n$/, '')));
    const stop = () => child.kill('SIGTERM');
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return new Promise<number>((resolve) => child.on('exit', (code) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(code ?? 1);
    }));
  },
};
