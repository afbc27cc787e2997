/** `vdex qr` and `vdex scanners` on real files, real certificates and a real socat pty. */
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ptyPair } from '../../../test/support/pty-pair';
import { fixture } from '../../devices/qr/fixtures';
import type { CliIo } from '../command';
import { qrCommand } from './qr';
import { scannersCommand } from './scanners';

const dir = mkdtempSync(path.join(os.tmpdir(), 'vdex-cli-qr-'));
const testCert = path.resolve('simulators/qr-forge/test-cert.pem');

function capture(stdin = ''): CliIo & { text(): string; json(): { ok: boolean; value?: Record<string, unknown>; error?: { code: string } } } {
  const out: string[] = [];
  return { out: (t) => void out.push(t), err: () => {}, readStdin: async () => stdin, text: () => out.join('\n'), json: () => JSON.parse(out.join('\n')) };
}

async function qr(args: string[], stdin = '') {
  const io = capture(stdin);
  const code = await qrCommand.run(args, io);
  return { code, io };
}

describe('vdex qr', () => {
  it('decodes the UIDAI sample from a file: verified by DS 4, number masked, photo size only', async () => {
    const { code, io } = await qr(['decode', '--file', fixture('secure-qr', 'uidai-sample-ref2697-2019-03-08.txt'), '--json']);
    expect(code).toBe(0);
    expect(io.json().value).toMatchObject({
      format: 'secure-qr', version: null, verified: true, aadhaarMasked: 'XXXX XXXX 2697',
      signer: { subject: 'DS UNIQUE IDENTIFICATION AUTHORITY OF INDIA 4', validFrom: '2017-06-08T10:46:26.000Z', validTo: '2020-06-07T10:46:26.000Z', validAtTimestamp: true },
      photo: { width: 60, height: 60 }, fields: { name: 'Sumit Kumar' },
    });
    expect(io.text()).not.toMatch(/data:image/);
  });

  it('verifies the UIDAI sample only with its own certificate via --only-certs', async () => {
    const file = fixture('secure-qr', 'uidai-sample-ref2697-2019-03-08.txt');
    expect((await qr(['decode', '--file', file, '--only-certs', '--cert', path.resolve('resources/uidai-certs/uidai_prod_cdup.cer'), '--json'])).code).toBe(0);
    for (const other of ['uidai_prod_2023_ds_uidai_01.pem', 'uidai_offline_publickey_26022021.cer', 'uidai_offline_publickey_17022026.pem']) {
      const { code, io } = await qr(['decode', '--file', file, '--only-certs', '--cert', path.resolve('resources/uidai-certs', other), '--json']);
      expect(code).toBe(1);
      expect(io.json().error?.code).toBe('E_QR_SIGNATURE');
    }
  });

  it('reads standard input, and masks a legacy XML QR', async () => {
    const { code, io } = await qr(['decode', '--json'], readFileSync(fixture('legacy-xml', 'dimagi-printletter-bad-decl-prefix.xml'), 'utf8'));
    expect(code).toBe(0);
    expect(io.json().value).toMatchObject({ format: 'legacy-xml', verified: false, trust: 'unsigned-not-verifiable', aadhaarMasked: 'XXXX XXXX 4123' });
    expect(io.text()).not.toContain('987098654123');
  });

  it.each([
    ['flip', 'E_QR_SIGNATURE'], ['wrong-key', 'E_QR_SIGNATURE'], ['truncate', 'E_QR_INFLATE'], ['oversize', 'E_QR_DIGITS'], ['bomb', 'E_QR_INFLATE_LIMIT'], [null, null],
  ])('forges a V4 vector with tamper %s and decode answers %s', async (tamper, expected) => {
    const out = path.join(dir, `v4-${tamper}.txt`);
    expect((await qr(['forge', '--layout', 'v4', '--out', out, ...(tamper ? ['--tamper', tamper] : [])])).code).toBe(0);
    const { code, io } = await qr(['decode', '--file', out, '--cert', testCert, '--json']);
    expect(code).toBe(expected ? 1 : 0);
    if (expected) expect(io.json().error?.code).toBe(expected);
    else expect(io.json().value).toMatchObject({ version: 'V4', verified: true, signer: { file: 'test-cert.pem' } });
  });

  it('gives E_QR_DIGITS, E_QR_FORMAT for junk, and forges + checks an offline e-KYC ZIP', async () => {
    expect((await qr(['decode', '--json'], `${'1234'.repeat(60)}#${'5678'.repeat(60)}`)).io.json().error?.code).toBe('E_QR_DIGITS');
    expect((await qr(['decode', '--json'], 'hello')).io.json().error?.code).toBe('E_QR_FORMAT');
    const zip = path.join(dir, 'ekyc.zip');
    expect((await qr(['forge', '--ekyc', '--share-code', '4821', '--out', zip, '--mobile', '9876543210'])).code).toBe(0);
    const ok = await qr(['ekyc', '--file', zip, '--share-code', '4821', '--cert', testCert, '--mobile', '9876543210', '--json']);
    expect(ok.code).toBe(0);
    expect(ok.io.json().value).toMatchObject({ verified: true, contact: { mobile: { status: 'confirmed' } }, photo: { mime: 'image/png' } });
    expect(ok.io.text()).not.toContain('4821');
    expect((await qr(['ekyc', '--file', zip, '--share-code', '0000', '--cert', testCert, '--json'])).io.json().error?.code).toBe('E_EKYC_SHARE_CODE');
  });
});

describe('vdex scanners', () => {
  it('lists serial ports, HID POS scanners (real node-hid) and USB access', async () => {
    const io = capture();
    expect(await scannersCommand.run(['list', '--json'], io)).toBe(0);
    const value = io.json().value!;
    expect(Array.isArray(value.serialPorts)).toBe(true);
    expect(Array.isArray(value.hidPosDevices)).toBe(true);
    expect(['available', 'listening', 'unavailable']).toContain((value.usb as { state: string }).state);
  });

  it('listens on a serial scanner (socat pty) and prints one JSON line per scan, verified, without the content', async () => {
    const { a, b, proc } = await ptyPair();
    try {
      const io = capture();
      const run = scannersCommand.run(['listen', '--serial', a, '--baud', '115200', '--count', '1', '--seconds', '10', '--verify', '--json'], io);
      await new Promise((r) => setTimeout(r, 300));
      const text = readFileSync(fixture('secure-qr', 'uidai-sample-ref2697-2019-03-08.txt'), 'utf8').trim();
      const fd = openSync(b, 'w');
      writeSync(fd, Buffer.from(`${text}\r`));
      closeSync(fd);
      expect(await run).toBe(0);
      const line = JSON.parse(io.text());
      expect(line).toMatchObject({ source: 'serial', device: a, length: text.length, format: 'secure-qr', result: { verified: true, aadhaarMasked: 'XXXX XXXX 2697' } });
      expect(io.text()).not.toContain(text.slice(0, 30));
    } finally {
      proc.kill();
    }
  });
});
writeFileSync(path.join(dir, '.keep'), '');
