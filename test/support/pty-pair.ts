/** A connected pseudo-terminal pair made by socat (installed by CI), standing in for a USB CDC-ACM scanner's port. */
import { spawn, type ChildProcess } from 'node:child_process';

export async function ptyPair(): Promise<{ a: string; b: string; proc: ChildProcess }> {
  const proc = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], { stdio: ['ignore', 'ignore', 'pipe'] });
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
  return { a: paths[0]!, b: paths[1]!, proc };
}
