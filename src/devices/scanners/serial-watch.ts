/**
 * Serial ports arriving and leaving (a USB CDC-ACM scanner plugged in or out).
 * Polls the configured device-file globs every `pollMs` (default 500): a
 * readdir of /dev is cheap, whereas SerialPort.list() on Linux spawns
 * `udevadm info -e` (too heavy at 1 Hz), and fs.watch cannot watch folders
 * that do not exist yet (/dev/serial/by-id appears with the first device).
 * On Windows there are no device files: SerialPort.list() is a native call there.
 *
 * Globs: a literal folder plus a file-name pattern, e.g. `/dev/ttyACM*`.
 */
import { EventEmitter } from 'node:events';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { listSerialPorts } from './serial';

export const DEFAULT_SERIAL_WATCH: readonly string[] = ['/dev/ttyACM*', '/dev/ttyUSB*'];

export interface SerialPortChange {
  change: 'arrived' | 'left';
  path: string;
}

export interface SerialWatchOptions {
  /** Device-file globs (folder literal, file name with * and ?). */
  patterns?: readonly string[];
  pollMs?: number;
  /** Replaces the listing (default: the globs; SerialPort.list() on Windows). */
  list?: () => Promise<string[]>;
}

const GLOB_CHARS = /[*?[\]{}]/;

/** A watch glob is usable when it is absolute and only its file name has wildcards. */
export function isWatchGlob(pattern: string): boolean {
  return path.isAbsolute(pattern) && !GLOB_CHARS.test(path.dirname(pattern));
}

/** Device files matching the globs that exist now (a dangling symlink counts as absent). */
export async function listMatching(patterns: readonly string[]): Promise<string[]> {
  const byDir = new Map<string, string[]>();
  for (const p of patterns.filter(isWatchGlob)) byDir.set(path.dirname(p), [...(byDir.get(path.dirname(p)) ?? []), p]);
  const found = await Promise.all([...byDir].map(async ([dir, globs]) => {
    const names = await readdir(dir).catch(() => [] as string[]);
    const candidates = names.map((n) => path.join(dir, n)).filter((f) => globs.some((g) => path.matchesGlob(f, g)));
    const alive = await Promise.all(candidates.map((f) => stat(f).then(() => f, () => undefined)));
    return alive.filter((f): f is string => f !== undefined);
  }));
  return [...new Set(found.flat())].sort();
}

/** Emits 'change' (SerialPortChange). The ports present at start are the baseline (no events). */
export class SerialPortWatch extends EventEmitter {
  private present = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private readonly list: () => Promise<string[]>;

  constructor(private readonly options: SerialWatchOptions = {}) {
    super();
    const patterns = options.patterns ?? DEFAULT_SERIAL_WATCH;
    this.list = options.list ?? (process.platform === 'win32'
      ? async () => (await listSerialPorts()).map((p) => p.path)
      : () => listMatching(patterns));
  }

  ports(): string[] {
    return [...this.present].sort();
  }

  async start(): Promise<void> {
    if (this.timer) return;
    this.present = new Set(await this.list().catch(() => []));
    this.timer = setInterval(() => void this.poll(), this.options.pollMs ?? 500);
    this.timer.unref();
  }

  /** One look (single-flight); emits the differences. */
  poll(): Promise<void> {
    this.polling ??= (async () => {
      try {
        const now = new Set(await this.list().catch(() => [...this.present]));
        if (!this.timer) return;
        for (const p of this.present) if (!now.has(p)) this.emit('change', { change: 'left', path: p } satisfies SerialPortChange);
        for (const p of now) if (!this.present.has(p)) this.emit('change', { change: 'arrived', path: p } satisfies SerialPortChange);
        this.present = now;
      } finally {
        this.polling = undefined;
      }
    })();
    return this.polling;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
