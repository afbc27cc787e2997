/**
 * The presented subject: captures of one person differ by noise but stay close
 * to that person's template (src/devices/rd/pid/synthetic-biometrics.ts); other
 * people do not; poor placement and "no finger" answer as a real service does;
 * seeded output stays byte-for-byte deterministic. Real simulator, real client,
 * real decryption with the test UIDAI key.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { RdClient } from '../../src/devices/rd/client';
import type { PidOptionsInput } from '../../src/devices/rd/pid-options';
import { DEMO_SUBJECT, fingerTemplate, irisTemplate, type FingerPosition, type IrisPosition } from '../../src/devices/rd/pid/synthetic-biometrics';
import { verifyPidBlock } from '../../src/devices/rd/pid/verify';
import { main } from '../../src/cli/main';
import { startControlServer, startRdSimulator, testUidaiPrivateKeyPem, type RdSimulator } from './index';

const closers: Array<() => Promise<void>> = [];
afterAll(async () => { for (const c of closers) await c(); });

async function sim(o: Parameters<typeof startRdSimulator>[0] = {}): Promise<RdSimulator> {
  const s = await startRdSimulator({ captureDelayMs: 0, ...o });
  closers.push(() => s.close());
  return s;
}

const client = new RdClient({ captureGraceMs: 1000, callTimeoutMs: 1000 });

/** Captures and returns the decrypted ISO records (the test holds the UIDAI test key). */
async function records(s: RdSimulator, o: { iris?: boolean; posh?: PidOptionsInput['posh']; timeout?: number } = {}) {
  const out = await client.capture({ port: s.port }, { ...(o.iris ? { iCount: 1 } : { fCount: 1 }), timeout: o.timeout ?? 5000, env: 'S', posh: o.posh ?? ['UNKNOWN'] });
  if (!out.pidData.success) return { resp: out.pidData.resp, records: [] as Buffer[] };
  const pid = verifyPidBlock({ pidData: out.xml, privateKeyPem: testUidaiPrivateKeyPem() }).pidXml!;
  return { resp: out.pidData.resp, records: [...pid.matchAll(/<Bio [^>]*>([^<]+)<\/Bio>/g)].map((m) => Buffer.from(m[1]!, 'base64')) };
}

/** Fraction of the template's minutiae that have a probe minutia of the same type within 12 px. */
function pairedWith(fmr: Buffer, subject: string, finger: FingerPosition): number {
  const n = fmr[27]!;
  const probe = Array.from({ length: n }, (_, i) => {
    const o = 28 + i * 6;
    return { type: fmr.readUInt16BE(o) >> 14, x: fmr.readUInt16BE(o) & 0x3fff, y: fmr.readUInt16BE(o + 2) };
  });
  const t = fingerTemplate(subject, finger);
  return t.filter((m) => probe.some((p) => p.type === m.type && Math.hypot(p.x - m.x, p.y - m.y) <= 12)).length / t.length;
}

function hammingFraction(iir: Buffer, subject: string, eye: IrisPosition): number {
  const code = irisTemplate(subject, eye);
  let d = 0;
  for (let i = 0; i < code.length; i++) for (let x = iir[16 + i]! ^ code[i]!; x; x >>= 1) d += x & 1;
  return d / (code.length * 8);
}

describe('presented subject', () => {
  it('three captures of one subject are different bytes but all close to their template; another subject is far', async () => {
    const s = await sim({ subject: 'test-subject-a', seed: 'pres-1' });
    const fmrs: Buffer[] = [];
    for (let i = 0; i < 3; i++) fmrs.push((await records(s)).records[0]!);
    expect(new Set(fmrs.map((b) => b.toString('hex'))).size).toBe(3);
    for (const fmr of fmrs) {
      expect(fmr[24]).toBe(0); // posh UNKNOWN: the device records "unknown finger"
      expect(pairedWith(fmr, 'test-subject-a', 'RIGHT_INDEX')).toBeGreaterThan(0.6);
      expect(pairedWith(fmr, 'test-subject-b', 'RIGHT_INDEX')).toBeLessThan(0.15);
    }
    // The control endpoint changes who is at the sensor.
    const control = await startControlServer(s);
    closers.push(() => control.close());
    const res = await fetch(`http://127.0.0.1:${control.port}/present`, { method: 'POST', body: JSON.stringify({ subject: 'test-subject-b', finger: 'LEFT_THUMB' }) });
    expect(res.status).toBe(200);
    expect((await res.json()).presented).toMatchObject({ subject: 'test-subject-b', position: 'LEFT_THUMB', quality: 'good', queued: 0 });
    const b = (await records(s)).records[0]!;
    expect(pairedWith(b, 'test-subject-b', 'LEFT_THUMB')).toBeGreaterThan(0.6);
    expect(pairedWith(b, 'test-subject-a', 'RIGHT_INDEX')).toBeLessThan(0.15);
  });

  it('a named posh is read from that finger and written into the record', async () => {
    const s = await sim({ subject: 'test-subject-a' });
    const fmr = (await records(s, { posh: ['LEFT_MIDDLE'] })).records[0]!;
    expect(fmr[24]).toBe(8); // ISO 19794-2 code of LEFT_MIDDLE
    expect(pairedWith(fmr, 'test-subject-a', 'LEFT_MIDDLE')).toBeGreaterThan(0.6);
  });

  it('iris: the same eye is within Hamming 0.32 on every capture, another subject near 0.5', async () => {
    const s = await sim({ modality: 'iris', subject: 'test-subject-a', seed: 'pres-iris' });
    for (let i = 0; i < 3; i++) {
      const iir = (await records(s, { iris: true })).records[0]!;
      expect(hammingFraction(iir, 'test-subject-a', 'RIGHT_IRIS')).toBeLessThan(0.2);
      expect(hammingFraction(iir, 'test-subject-b', 'RIGHT_IRIS')).toBeGreaterThan(0.4);
    }
  });

  it('poor placement: errCode 0 with a low qScore and few minutiae; no finger: 700 at the timeout; times:1 then back', async () => {
    const s = await sim({ subject: 'test-subject-a', seed: 'pres-poor' });
    const control = await startControlServer(s);
    closers.push(() => control.close());
    const present = (body: unknown) => fetch(`http://127.0.0.1:${control.port}/present`, { method: 'POST', body: JSON.stringify(body) });
    expect((await present({ quality: 'poor', times: 1 })).status).toBe(200);
    expect((await present({ quality: 'none', times: 1 })).status).toBe(200);
    const poor = await records(s);
    expect(poor.resp.errCode).toBe('0');
    expect(poor.resp.qScore[0]).toBeLessThanOrEqual(20);
    expect(poor.resp.nmPoints[0]).toBeLessThan(20);
    expect(pairedWith(poor.records[0]!, 'test-subject-a', 'RIGHT_INDEX')).toBeLessThan(0.4);
    const started = Date.now();
    const none = await records(s, { timeout: 1000 });
    expect(none.resp.errCode).toBe('700');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    // Both were for one capture each: the subject's good placement is back.
    const good = await records(s);
    expect(good.resp.qScore[0]).toBeGreaterThanOrEqual(70);
    expect(pairedWith(good.records[0]!, 'test-subject-a', 'RIGHT_INDEX')).toBeGreaterThan(0.6);
    const state = await (await fetch(`http://127.0.0.1:${control.port}/state`)).json();
    expect(state.presented).toMatchObject({ subject: 'test-subject-a', quality: 'good', queued: 0 });
  });

  it('refuses a bad presentation with 400 and a reason', async () => {
    const s = await sim();
    const control = await startControlServer(s);
    closers.push(() => control.close());
    const present = (body: string) => fetch(`http://127.0.0.1:${control.port}/present`, { method: 'POST', body });
    for (const bad of ['{"subject":"a b"}', '{"quality":"great"}', '{"quality":0}', '{"finger":"LEFT_TOE"}', '{"times":0}', 'null', '[1]']) {
      const r = await present(bad);
      expect(r.status, bad).toBe(400);
      expect((await r.json()).error).toEqual(expect.any(String));
    }
    // Without a subject, a simulator presents a stranger of its own.
    expect(s.state().presented.subject).toMatch(/^stranger-[0-9a-f]{12}$/);
  });

  it('stays byte-for-byte deterministic with a seed and an injected clock', async () => {
    const now = () => new Date('2026-01-02T03:04:05Z');
    const a = await sim({ seed: 'det', now, subject: 'test-subject-a' });
    const b = await sim({ seed: 'det', now, subject: 'test-subject-a' });
    const opts = { fCount: 2, timeout: 5000, env: 'S' } as const;
    const [x, y] = [await client.capture({ port: a.port }, opts), await client.capture({ port: b.port }, opts)];
    expect(x.payload.sha256).toBe(y.payload.sha256);
    // ... and a different subject under the same seed is not the same PID.
    const c = await sim({ seed: 'det', now, subject: 'test-subject-b' });
    expect((await client.capture({ port: c.port }, opts)).payload.sha256).not.toBe(x.payload.sha256);
  });

  it('vdex simulate rd presents DEMO_SUBJECT unless --subject says otherwise, and checks --quality', async () => {
    const err: string[] = [];
    const io = { out: () => {}, err: (t: string) => void err.push(t), readStdin: async () => '' };
    expect(await main(['simulate', 'rd', '--quality', 'great'], io)).not.toBe(0);
    expect(err.join('\n')).toMatch(/E_CLI_USAGE: --subject\/--position\/--quality: quality must be/);
    expect(DEMO_SUBJECT).toBe('rahul-sharma');
  });
});
