/**
 * `vdex scanners list|listen`: what scanner hardware the kiosk can see, and a live
 * listener on a serial scanner. A scan is printed as its source, length, format
 * and (with --verify) the masked verification summary; never the scanned text.
 */
import { parseArgs } from 'node:util';
import { KioskError, toErrorData } from '../../shared/errors';
import { detectFormat, loadTrustStore, normaliseScan, verifyScan } from '../../devices/qr';
import { listHidPosDevices, listSerialPorts, SerialScanner, UsbHotplug, type ScanFromDevice, type Terminator } from '../../devices/scanners';
import { report, type CliCommand } from '../command';
import { summarise } from './qr';

const usage = [
  'vdex scanners list [--json]',
  '       vdex scanners listen --serial PATH [--baud 9600] [--terminator cr|lf|crlf|none] [--timeout MS] [--count N] [--seconds S] [--verify] [--json]',
].join('\n');

const int = (name: string, v: string | undefined, dflt: number) => {
  if (v === undefined) return dflt;
  if (!/^\d+$/.test(v)) throw new KioskError('E_CLI_USAGE', `--${name} must be a whole number`);
  return Number(v);
};

export const scannersCommand: CliCommand = {
  name: 'scanners',
  summary: 'QR scanners: list serial ports, HID POS scanners and USB access; listen on a serial scanner',
  usage,
  async run(args, io) {
    const [verb, ...rest] = args;
    const { values } = parseArgs({ args: rest, options: {
      json: { type: 'boolean' }, serial: { type: 'string' }, baud: { type: 'string' }, terminator: { type: 'string' }, timeout: { type: 'string' },
      count: { type: 'string' }, seconds: { type: 'string' }, verify: { type: 'boolean' },
    } });
    const json = values.json ?? false;
    if (verb === 'list') {
      const usb = new UsbHotplug();
      await usb.start();
      usb.stop();
      const [serialPorts, hidPos] = await Promise.all([listSerialPorts(), listHidPosDevices().catch((e: unknown) => ({ error: e instanceof Error ? e.message : 'HID error' }))]);
      const value = { serialPorts, hidPosDevices: hidPos, usb: { state: usb.state === 'idle' ? 'available' : usb.state, ...(usb.detail ? { detail: usb.detail } : {}) } };
      const text = [
        `serial ports      ${serialPorts.length ? serialPorts.map((p) => p.path).join(', ') : 'none'}`,
        `HID POS scanners  ${Array.isArray(hidPos) ? hidPos.length : `error: ${hidPos.error}`}`,
        `USB hot-plug      ${value.usb.state}${usb.detail ? ` (${usb.detail})` : ''}`,
      ].join('\n');
      return report(io, json, { ok: true, value, text });
    }
    if (verb !== 'listen') throw new KioskError('E_CLI_USAGE', `unknown verb "${verb ?? ''}"\nUsage: ${usage}`);
    if (!values.serial) throw new KioskError('E_CLI_USAGE', `--serial PATH is required\nUsage: ${usage}`);
    const terminator = (values.terminator ?? 'cr') as Terminator;
    if (!['cr', 'lf', 'crlf', 'none'].includes(terminator)) throw new KioskError('E_CLI_USAGE', '--terminator must be cr, lf, crlf or none');
    const count = int('count', values.count, 0);
    const seconds = int('seconds', values.seconds, 0);
    const scanner = new SerialScanner({ path: values.serial, baudRate: int('baud', values.baud, 9600), terminator, interCharTimeoutMs: int('timeout', values.timeout, 80) });
    const trust = values.verify ? loadTrustStore() : null;
    try {
      await scanner.open();
    } catch (e) {
      return report(io, json, { ok: false, error: toErrorData(e) });
    }
    if (!json) io.err(`listening on ${values.serial} (${terminator}); Ctrl+C to stop`);
    let seen = 0;
    await new Promise<void>((resolve) => {
      const done = () => resolve();
      if (seconds) setTimeout(done, seconds * 1000).unref();
      process.once('SIGINT', done);
      scanner.on('close', done);
      let chain = Promise.resolve();
      scanner.on('scan', (scan: ScanFromDevice) => {
        chain = chain.then(async () => {
          const line: Record<string, unknown> = { source: scan.source, device: scan.device, length: scan.text.length, format: detectFormat(normaliseScan(scan.text)), receivedAt: scan.receivedAt.toISOString() };
          if (trust) {
            try {
              line.result = summarise(await verifyScan(scan.text, { trust, source: 'serial' }));
            } catch (e) {
              line.error = toErrorData(e);
            }
          }
          io.out(json ? JSON.stringify(line) : `${line.receivedAt} ${line.source} ${line.length} chars, ${line.format}${line.error ? `: ${(line.error as { code: string }).code}` : line.result ? ': verified' : ''}`);
          seen++;
          if (count && seen >= count) done();
        });
      });
    });
    await scanner.close();
    return 0;
  },
};
