import { readFileSync } from 'node:fs';
import HID from 'node-hid';
import { describe, expect, it } from 'vitest';
import { fixture } from '../qr/fixtures';
import { decodeHidPosReport, encodeHidPosReports, HidPosAssembler } from './hid-pos';
import { listHidPosDevices } from './hid';

function report(id: number, data: string, continued: boolean, size = 64): Uint8Array {
  const r = new Uint8Array(size);
  r[0] = id;
  r[1] = data.length;
  r.set([0x5d, 0x51, 0x31], 2); // "]Q1": AIM id for QR
  r.set(Array.from(data, (c) => c.charCodeAt(0)), 5);
  r[size - 1] = continued ? 0x01 : 0x00;
  return r;
}

describe('HID POS decoding (usage page 0x8C)', () => {
  it('decodes one Scanned Data Report byte by byte', () => {
    const r = report(0x02, '12345', false);
    expect(decodeHidPosReport(r)).toEqual({ data: Uint8Array.from([0x31, 0x32, 0x33, 0x34, 0x35]), symbology: ']Q1', continued: false });
  });

  it('joins continued reports, ignores other report ids, and starts afresh after each scan', () => {
    const scans: string[] = [];
    const a = new HidPosAssembler((t) => scans.push(t));
    a.push(report(0x02, 'AB', true));
    a.push(report(0x04, 'status', false)); // another report of the device
    a.push(report(0x02, 'CD', true));
    a.push(report(0x02, 'EF', false));
    a.push(report(0x02, 'second', false));
    expect(scans).toEqual(['ABCDEF', 'second']);
  });

  it('clamps a length byte that claims more than the report holds', () => {
    const r = report(0x02, 'xyz', false, 16);
    r[1] = 200;
    expect(decodeHidPosReport(r)!.data.length).toBe(16 - 1 - 4 - 1);
  });

  it('carries a whole 3,181-digit Secure QR across 64-byte reports', () => {
    const text = readFileSync(fixture('secure-qr', 'uidai-sample-ref2697-2019-03-08.txt'), 'utf8').trim();
    const reports = encodeHidPosReports(text);
    expect(reports.length).toBeGreaterThan(50);
    const scans: string[] = [];
    const a = new HidPosAssembler((t) => scans.push(t));
    reports.forEach((r) => a.push(r));
    expect(scans).toEqual([text]);
  });

  it('enumerates HID devices with the real node-hid addon (none are present on this machine)', async () => {
    const all = await HID.devicesAsync();
    expect(Array.isArray(all)).toBe(true);
    const pos = await listHidPosDevices();
    expect(pos.length).toBeLessThanOrEqual(all.length);
  });
});
