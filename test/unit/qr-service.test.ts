/**
 * The QR domain through the real host and the IPC dispatcher: qr:verify on text
 * and on a held hardware scan, a serial scanner configured in scanners.json and
 * fed through a socat pty, a certificate added by configuration, ekyc-xml:open.
 */
import { copyFileSync, mkdirSync, mkdtempSync, openSync, writeSync, closeSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { forgeEkycZip } from '../../simulators/qr-forge/ekyc';
import { TEST_CERT_FILE } from '../../simulators/qr-forge/keys';
import { forgeSecureQr } from '../../simulators/qr-forge/secure-qr';
import { fixture } from '../../src/devices/qr/fixtures';
import { loadConfig } from '../../src/main/config';
import { dispatch } from '../../src/main/dispatch';
import { createHandlers } from '../../src/main/handlers';
import { createHost, type Host } from '../../src/main/host';
import type { QrScannedEvent } from '../../src/shared/ipc/qr';
import { ptyPair } from '../support/pty-pair';

const ctx = { transport: 'test' as const, connectionId: 'qr-test' };
const uidaiSample = readFileSync(fixture('secure-qr', 'uidai-sample-ref2697-2019-03-08.txt'), 'utf8').trim();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('QR service through the host', () => {
  const cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const fn of cleanup.reverse()) await fn();
    cleanup.length = 0;
  });

  async function host(setup?: (dataDir: string) => void): Promise<Host> {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vdex-qr-'));
    setup?.(dataDir);
    const h = await createHost({ config: loadConfig({ dataDir, demoPeers: false, mode: 'development' }, {}), runtime: 'web' });
    cleanup.push(() => h.close());
    return h;
  }

  it('qr:verify answers the UIDAI sample verified, and the unknown-signer one with E_QR_SIGNATURE', async () => {
    const h = await host();
    const handlers = createHandlers(h);
    const ok = await dispatch(handlers, 'qr:verify', { text: uidaiSample, source: 'wedge', mobile: '9800000002' }, ctx);
    expect(ok).toMatchObject({ ok: true, value: { format: 'secure-qr', verified: true, source: 'wedge', signer: { id: 'uidai_prod_cdup.cer' }, contact: { mobile: { status: 'not-confirmed' } } } });
    const bad = await dispatch(handlers, 'qr:verify', { text: readFileSync(fixture('secure-qr', 'uidai-sample-ref8908-2019-03-05.txt'), 'utf8') }, ctx);
    expect(bad).toMatchObject({ ok: false, error: { code: 'E_QR_SIGNATURE' } });
    expect(await dispatch(handlers, 'qr:verify', { text: 'x', scanId: 'abcdefgh' }, ctx)).toMatchObject({ ok: false, error: { code: 'E_IPC_BAD_INPUT' } });
  });

  it('trusts a certificate dropped into <dataDir>/uidai-certs without a release', async () => {
    const forged = forgeSecureQr({ layout: 'v4', timestamp: new Date('2024-05-01T00:00:00Z') });
    const plain = createHandlers(await host());
    expect(await dispatch(plain, 'qr:verify', { text: forged }, ctx)).toMatchObject({ ok: false, error: { code: 'E_QR_SIGNATURE' } });
    const configured = createHandlers(await host((dir) => {
      mkdirSync(path.join(dir, 'uidai-certs'));
      copyFileSync(TEST_CERT_FILE, path.join(dir, 'uidai-certs', 'ds-next.pem'));
    }));
    expect(await dispatch(configured, 'qr:verify', { text: forged }, ctx)).toMatchObject({ ok: true, value: { version: 4, signer: { id: 'ds-next.pem', origin: 'configured' } } });
  });

  it('a serial scanner from scanners.json feeds qr:scanned (no content), redeemed once by qr:verify', async () => {
    const { a, b, proc } = await ptyPair();
    cleanup.push(() => proc.kill());
    const h = await host((dir) => writeFileSync(path.join(dir, 'scanners.json'), JSON.stringify({ serial: [{ path: a, baudRate: 115200, terminator: 'crlf' }], hid: false, hotplug: false })));
    const events: QrScannedEvent[] = [];
    h.events.on('qr:scanned', (e) => events.push(e));
    for (let i = 0; i < 50 && !h.qr.hub?.status().some((s) => s.kind === 'serial' && s.state === 'listening'); i++) await sleep(20);
    const fd = openSync(b, 'w');
    cleanup.push(() => closeSync(fd));
    writeSync(fd, Buffer.from(`${uidaiSample}\r\n`, 'latin1'));
    for (let i = 0; i < 100 && events.length === 0; i++) await sleep(20);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ source: 'serial', device: a, length: uidaiSample.length, format: 'secure-qr' });
    expect(JSON.stringify(events[0])).not.toContain(uidaiSample.slice(0, 40));
    const handlers = createHandlers(h);
    expect(await dispatch(handlers, 'qr:verify', { scanId: events[0]!.scanId }, ctx)).toMatchObject({ ok: true, value: { verified: true, source: 'serial' } });
    expect(await dispatch(handlers, 'qr:verify', { scanId: events[0]!.scanId }, ctx)).toMatchObject({ ok: false, error: { code: 'E_QR_SCAN_EXPIRED' } });
    const status = await dispatch(handlers, 'scanners:status', undefined, ctx);
    expect(status).toMatchObject({ ok: true, value: { sources: expect.arrayContaining([expect.objectContaining({ kind: 'serial', id: a, state: 'listening' })]) } });
  });

  it('ekyc-xml:open verifies a signed offline e-KYC ZIP with a configured certificate', async () => {
    const h = await host((dir) => {
      mkdirSync(path.join(dir, 'uidai-certs'));
      copyFileSync(TEST_CERT_FILE, path.join(dir, 'uidai-certs', 'test.pem'));
    });
    const zip = await forgeEkycZip({ shareCode: 'Lock@487', timestamp: new Date(Date.now() - 3_600_000), mobile: '9876543210' });
    const handlers = createHandlers(h);
    const input = { zipBase64: Buffer.from(zip).toString('base64'), shareCode: 'Lock@487', mobile: '9876543210' };
    expect(await dispatch(handlers, 'ekyc-xml:open', input, ctx)).toMatchObject({ ok: true, value: { verified: true, contact: { mobile: { status: 'confirmed' } } } });
    expect(await dispatch(handlers, 'ekyc-xml:open', { ...input, shareCode: 'nope' }, ctx)).toMatchObject({ ok: false, error: { code: 'E_EKYC_SHARE_CODE' } });
  });
});
