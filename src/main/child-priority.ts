/**
 * Demo peers (RD simulators, the embedded central API) are background helpers: run them at a
 * lower CPU priority so that, on a 2-core field laptop, they never slow the kiosk's own start-up
 * and screens. Raising niceness needs no privileges; a platform that refuses it is not an error.
 */
import type { ChildProcess } from 'node:child_process';
import os from 'node:os';

export const BACKGROUND_NICENESS = 10;

export function runInBackground(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    os.setPriority(child.pid, BACKGROUND_NICENESS);
  } catch {
    // Not permitted or not supported here: the peer simply runs at normal priority.
  }
}
