/** Serial ports arriving and leaving: real device-file links made by socat in a folder the test owns. */
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ptyPair } from '../../../test/support/pty-pair';
import { isWatchGlob, listMatching, SerialPortWatch, type SerialPortChange } from './serial-watch';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean, deadlineMs = 10_000): Promise<void> {
  for (const t0 = Date.now(); !cond(); await sleep(20)) if (Date.now() - t0 > deadlineMs) throw new Error('condition not met in time');
}

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup.length = 0;
});

describe('serial port watch', () => {
  it('lists matching device files that exist, not dangling links or other names', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vdex-serial-'));
    writeFileSync(path.join(dir, 'ttyV1'), '');
    writeFileSync(path.join(dir, 'other'), '');
    symlinkSync(path.join(dir, 'missing'), path.join(dir, 'ttyV2'));
    expect(await listMatching([path.join(dir, 'ttyV*')])).toEqual([path.join(dir, 'ttyV1')]);
    expect(await listMatching([path.join(dir, 'nope', 'ttyV*')])).toEqual([]);
  });

  it('accepts only absolute globs with wildcards in the file name', () => {
    expect(isWatchGlob('/dev/ttyACM*')).toBe(true);
    expect(isWatchGlob('/dev/*/ttyACM0')).toBe(false);
    expect(isWatchGlob('dev/ttyACM*')).toBe(false);
    fc.assert(fc.property(fc.stringMatching(/^[a-z]{1,8}$/), fc.stringMatching(/^[a-zA-Z0-9*?]{1,12}$/), (dir, name) => isWatchGlob(`/${dir}/${name}`)));
  });

  it('reports a socat pty pair appearing and disappearing in a watched folder (the ports there at start are the baseline)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vdex-serial-'));
    writeFileSync(path.join(dir, 'ttyV9'), '');
    const watch = new SerialPortWatch({ patterns: [path.join(dir, 'ttyV*')], pollMs: 50 });
    const changes: SerialPortChange[] = [];
    watch.on('change', (c: SerialPortChange) => changes.push(c));
    await watch.start();
    cleanup.push(() => watch.stop());
    expect(watch.ports()).toEqual([path.join(dir, 'ttyV9')]);

    const links: [string, string] = [path.join(dir, 'ttyV0'), path.join(dir, 'ttyV1')];
    const { proc } = await ptyPair(links);
    cleanup.push(() => void proc.kill());
    await until(() => changes.length >= 2);
    expect(changes.sort((x, y) => x.path.localeCompare(y.path))).toEqual(links.map((p) => ({ change: 'arrived', path: p })));
    expect(watch.ports()).toEqual([...links, path.join(dir, 'ttyV9')]);

    changes.length = 0;
    proc.kill('SIGTERM'); // socat removes its links as it ends
    await until(() => changes.length >= 2);
    expect(changes.sort((x, y) => x.path.localeCompare(y.path))).toEqual(links.map((p) => ({ change: 'left', path: p })));
    expect(watch.ports()).toEqual([path.join(dir, 'ttyV9')]);
  });
});
