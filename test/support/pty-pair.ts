/** A connected pseudo-terminal pair made by socat (installed by CI), standing in for a USB CDC-ACM scanner's port. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * `links`: symlinks socat makes to the two ptys (and removes when it ends), so a test can
 * make a "device file" appear and disappear in a folder it controls; `a`/`b` are then the links.
 */
export async function ptyPair(links?: [string, string]): Promise<{ a: string; b: string; proc: ChildProcess }> {
  const end = (i: number) => `pty,raw,echo=0${links ? `,link=${links[i]}` : ''}`;
  const proc = spawn('socat', ['-d', '-d', end(0), end(1)], { stdio: ['ignore', 'ignore', 'pipe'] });
  const paths: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socat did not start')), 5000);
    proc.stderr!.on('data', (d: Buffer) => {
      for (const m of d.toString().matchAll(/PTY is (\S+)/g)) paths.push(m[1]!);
      if (paths.length >= 2) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.on('error', reject);
  });
  if (!links) return { a: paths[0]!, b: paths[1]!, proc };
  for (let i = 0; i < 100 && !links.every((l) => existsSync(l)); i++) await new Promise((r) => setTimeout(r, 20));
  return { a: links[0], b: links[1], proc };
}
