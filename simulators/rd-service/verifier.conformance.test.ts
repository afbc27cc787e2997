/** The PID verifier rejects each kind of tampering with the code UIDAI would answer. (Under simulators/: src/ may not import it.) */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RdClient } from '../../src/devices/rd/client';
import { verifyPidBlock } from '../../src/devices/rd/pid/verify';
import { certificateIndex, startRdSimulator, testUidaiCertPem, testUidaiPrivateKeyPem, type RdSimulator } from './index';

const WADH = 'E0jzJ/P8UopUHAieZn8CKqS4WPMi5ZSYXgfnlfkWjrc=';
const clock = new Date('2026-11-20T06:00:00Z');
let sim: RdSimulator;
let xml: string;
beforeAll(async () => {
  sim = await startRdSimulator({ seed: 'verifier', now: () => clock, captureDelayMs: 5 });
  xml = (await new RdClient().capture({ port: sim.port }, { fCount: 1, wadh: WADH, otp: '123456', env: 'S' })).xml;
});
afterAll(() => sim.close());

const key = () => testUidaiPrivateKeyPem();
const codes = (pidData: string, extra: Partial<Parameters<typeof verifyPidBlock>[0]> = {}) =>
  verifyPidBlock({ pidData, privateKeyPem: key(), now: clock, maxSkewMs: 60_000, ...extra }).failures.map((f) => f.authCode);
const replaceText = (tag: string, fn: (b: Buffer) => Buffer) => xml.replace(new RegExp(`(<${tag}[^>]*>)([^<]+)(</${tag}>)`), (_m, a: string, b64: string, c: string) => a + fn(Buffer.from(b64.replace(/\s+/g, ''), 'base64')).toString('base64') + c);
const flip = (at: number) => (b: Buffer) => { const c = Buffer.from(b); c[at < 0 ? c.length + at : at]! ^= 1; return c; };

describe('verifyPidBlock', () => {
  it('accepts the simulator output: wadh, otp, ci, dih and bs all check out', () => {
    const r = verifyPidBlock({ pidData: xml, privateKeyPem: key(), now: clock, maxSkewMs: 60_000, expectedWadh: WADH, expectedCi: certificateIndex(testUidaiCertPem()) });
    expect(r.failures).toEqual([]);
    expect(r.ts).toBe('2026-11-20T11:30:00');
    expect(r.pidXml).toMatch(/^<Pid ts="2026-11-20T11:30:00" ver="2.0" wadh="E0jz/);
    expect(r.pidXml).toContain('<Pv otp="123456"/>');
  });

  it('wrong private key: 500', () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(codes(xml, { privateKeyPem: other })).toEqual(['500']);
  });
  it('tampered Data: 502', () => expect(codes(replaceText('Data', flip(-3)))).toEqual(['502']));
  it('tampered Hmac: 503', () => expect(codes(replaceText('Hmac', flip(2)))).toEqual(['503']));
  it('Hmac of another PID (re-encrypted digest mismatch) is caught as 564 or 503', () => {
    expect(codes(replaceText('Hmac', flip(0)))).toEqual(expect.arrayContaining([expect.stringMatching(/^(503|564)$/)]));
  });
  it('old and future ts: 561 / 562', () => {
    expect(codes(xml, { now: new Date(clock.getTime() + 3_600_000) })).toEqual(['561']);
    expect(codes(xml, { now: new Date(clock.getTime() - 3_600_000) })).toEqual(['562']);
  });
  it('wrong wadh: 552; wrong ci: 501', () => {
    expect(codes(xml, { expectedWadh: '' })).toEqual(['552']);
    expect(codes(xml, { expectedCi: '20200101' })).toEqual(['501']);
  });
  it('a DeviceInfo from another device breaks dih and bs: 558 and 822', () => {
    const swapped = xml.replace(/dc="[^"]+"/, 'dc="00000000-0000-4000-8000-000000000000"');
    expect(codes(swapped)).toEqual(['558', '822']);
  });
});
