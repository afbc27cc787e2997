/** Serial end to end through a real pty pair made by socat: the scanner writes in chunks, the kiosk gets one scan. */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ptyPair } from '../../../test/support/pty-pair';
import { fixture } from '../qr/fixtures';
import { SerialScanner, type ScanFromDevice } from './serial';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SerialScanner over a socat pty pair', () => {
  let cleanup: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const fn of cleanup.reverse()) await fn();
    cleanup = [];
  });

  async function setup(options: Partial<ConstructorParameters<typeof SerialScanner>[0]>) {
    const { a, b, proc } = await ptyPair();
    cleanup.push(() => void proc.kill());
    const scanner = new SerialScanner({ path: a, baudRate: 115200, ...options });
    await scanner.open();
    cleanup.push(() => scanner.close());
    const fd = openSync(b, 'w');
    cleanup.push(() => closeSync(fd));
    const scans: ScanFromDevice[] = [];
    scanner.on('scan', (s: ScanFromDevice) => scans.push(s));
    return { scanner, fd, scans, path: a };
  }

  it('reassembles a 3,181-digit Secure QR written in 64-byte chunks, ended by CR', async () => {
    const text = readFileSync(fixture('secure-qr', 'uidai-sample-ref2697-2019-03-08.txt'), 'utf8').trim();
    const { fd, scans, path } = await setup({ terminator: 'cr', interCharTimeoutMs: 500 });
    const payload = Buffer.from(`${text}\r`, 'latin1');
    for (let i = 0; i < payload.length; i += 64) {
      writeSync(fd, payload.subarray(i, i + 64));
      if (i % 640 === 0) await sleep(2);
    }
    for (let i = 0; i < 100 && scans.length === 0; i++) await sleep(20);
    expect(scans).toHaveLength(1);
    expect(scans[0]).toMatchObject({ source: 'serial', device: path });
    expect(scans[0]!.text).toBe(text);
  });

  it('ends a suffix-less scan on the inter-character timeout, and keeps two scans apart', async () => {
    const { fd, scans } = await setup({ terminator: 'none', interCharTimeoutMs: 60 });
    writeSync(fd, Buffer.from('first-'));
    writeSync(fd, Buffer.from('scan'));
    await sleep(250);
    writeSync(fd, Buffer.from('second'));
    for (let i = 0; i < 50 && scans.length < 2; i++) await sleep(20);
    expect(scans.map((s) => s.text)).toEqual(['first-scan', 'second']);
  });

  it('gives E_SCANNER_OPEN for a path that does not exist', async () => {
    const s = new SerialScanner({ path: '/dev/does-not-exist-vdex' });
    await expect(s.open()).rejects.toMatchObject({ code: 'E_SCANNER_OPEN' });
    expect(s.state).toBe('error');
  });
});
