/**
 * (Lives here, not beside the client: src/ may not import simulators/.)
 * The client against the real simulator (raw TCP on 127.0.0.1): every
 * personality, every fault, a concurrent capture, cancel, and the round trip
 * simulator -> client -> verifier.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startRdSimulator, testUidaiPrivateKeyPem, type RdSimulator, PERSONALITIES } from './index';
import { RdClient } from '../../src/devices/rd/client';
import { verifyPidBlock } from '../../src/devices/rd/pid/verify';
import type { PidOptionsInput } from '../../src/devices/rd/pid-options';

const sims: RdSimulator[] = [];
async function sim(o: Parameters<typeof startRdSimulator>[0] = {}) {
  const s = await startRdSimulator({ captureDelayMs: 20, ...o });
  sims.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

const finger: PidOptionsInput = { fCount: 1, timeout: 5000, env: 'P' };
const iris: PidOptionsInput = { iCount: 1, timeout: 5000, env: 'P' };
const client = () => new RdClient({ captureGraceMs: 1000, callTimeoutMs: 1000 });

describe('RD client against every personality', () => {
  for (const personality of PERSONALITIES) {
    for (const modality of ['finger', 'iris'] as const) {
      it(`${personality} ${modality}: info, capture and a PID block the verifier accepts`, async () => {
        const s = await sim({ personality, modality });
        const c = client();
        const service = await c.deviceInfo({ port: s.port });
        expect(service.status).toBe('READY');
        expect(service.modality).toBe(modality);
        expect(service.deviceInfo?.dc).toBe(s.device.dc);
        expect(service.deviceInfo?.additionalInfo.srno).toBe(s.device.srno);
        expect(service.certificate?.daysToExpiry).toBeGreaterThanOrEqual(29);
        expect(service.interfaces.capture).toBe(personality === 'morpho' ? '/capture' : '/rd/capture');
        expect(service.interfaces.fallback).toBe(personality === 'legacy-lf');
        const out = await c.capture({ port: s.port }, modality === 'finger' ? { ...finger, fCount: 2 } : iris);
        expect(out.pidData.resp.errCode).toBe('0');
        expect(out.pidData.success).toBe(true);
        expect(out.pidData.resp.qScore).toHaveLength(modality === 'finger' ? 2 : 1);
        expect(out.pidData.resp.nmPoints).toHaveLength(modality === 'finger' ? 2 : 0);
        expect(out.payload.sha256).toMatch(/^[0-9a-f]{64}$/);
        const v = verifyPidBlock({ pidData: out.xml, privateKeyPem: testUidaiPrivateKeyPem(), now: new Date(), maxSkewMs: 60_000, expectedWadh: '' });
        expect(v.failures).toEqual([]);
        expect(v.ok).toBe(true);
        expect(v.bios.map((b) => b.type)).toEqual(modality === 'finger' ? ['FMR', 'FMR'] : ['IIR']);
        expect(v.bios.every((b) => b.signatureOk)).toBe(true);
      });
    }
  }

  it('morpho accepts only env P (100), iris refuses fingers (750), finger refuses irises (760)', async () => {
    const m = await sim({ personality: 'morpho' });
    expect((await client().capture({ port: m.port }, { ...finger, env: 'S' })).pidData.resp.errCode).toBe('100');
    const i = await sim({ modality: 'iris' });
    expect((await client().capture({ port: i.port }, finger)).pidData.resp.errCode).toBe('750');
    const f = await sim({ modality: 'finger' });
    const out = await client().capture({ port: f.port }, iris);
    expect(out.pidData.resp.errCode).toBe('760');
    expect(out.pidData.success).toBe(false);
    expect(out.message.en).toMatch(/iris/i);
    expect(out.message.hi.length).toBeGreaterThan(10);
  });
});

describe('faults', () => {
  for (const code of ['710', '720', '730', '740', '999']) {
    it(`fault ${code} arrives as errCode ${code} with the RD-table message`, async () => {
      const s = await sim({ faults: [{ fault: code as '720', times: 1 }] });
      const out = await client().capture({ port: s.port }, finger);
      expect(out.pidData.resp.errCode).toBe(code);
      expect(out.pidData.success).toBe(false);
      expect(out.message.known).toBe(true);
      // The next capture is clean again (times: 1).
      expect((await client().capture({ port: s.port }, finger)).pidData.resp.errCode).toBe('0');
    });
  }

  it('timeout fault: the service answers 700 after the capture timeout', async () => {
    const s = await sim({ faults: [{ fault: 'timeout' }] });
    const t0 = Date.now();
    const out = await client().capture({ port: s.port }, { ...finger, timeout: 1000 });
    expect(out.pidData.resp.errCode).toBe('700');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
  });

  it('malformed XML and an empty body are typed errors', async () => {
    const s = await sim({ faults: [{ fault: 'malformed', times: 2 }] });
    await expect(client().rdService({ port: s.port })).rejects.toMatchObject({ code: 'E_RD_BAD_XML' });
    await expect(client().capture({ port: s.port }, finger)).rejects.toMatchObject({ code: 'E_RD_BAD_XML' });
    s.faults.set('empty', 1);
    await expect(client().capture({ port: s.port }, finger)).rejects.toMatchObject({ code: 'E_RD_BAD_XML' });
  });

  it('silent socket: the call ends at its deadline with E_RD_TIMEOUT', async () => {
    const s = await sim({ faults: [{ fault: 'silent' }] });
    const c = new RdClient({ callTimeoutMs: 300 });
    const t0 = Date.now();
    await expect(c.rdService({ port: s.port })).rejects.toMatchObject({ code: 'E_RD_TIMEOUT' });
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('slow answer: capture waits within timeout + grace, and fails at the HTTP deadline beyond it', async () => {
    const s = await sim({ slowMs: 600 });
    s.faults.set('slow', 2); // RDSERVICE and CAPTURE both slow
    const ok = await new RdClient({ captureGraceMs: 500, callTimeoutMs: 2000 }).capture({ port: s.port }, { ...finger, timeout: 1000 });
    expect(ok.pidData.resp.errCode).toBe('0');
    const slower = await sim({ slowMs: 1500, faults: [{ fault: 'slow' }] });
    await expect(new RdClient({ captureGraceMs: 200, callTimeoutMs: 2000 }).capture({ port: slower.port }, { ...finger, timeout: 1000 }))
      .rejects.toMatchObject({ code: 'E_RD_TIMEOUT' });
  });

  it('NOTREADY device answers 720; an expired UIDAI certificate answers 740', async () => {
    const s = await sim({ status: 'NOTREADY' });
    expect((await client().rdService({ port: s.port })).status).toBe('NOTREADY');
    expect((await client().capture({ port: s.port }, finger)).pidData.resp.errCode).toBe('720');
    const later = await sim({ now: () => new Date('2031-06-01T00:00:00Z') });
    expect((await client().capture({ port: later.port }, finger)).pidData.resp.errCode).toBe('740');
  });

  it('an mc close to expiry and an unregistered device are surfaced as warnings', async () => {
    const s = await sim({ certValidityDays: 3 });
    const svc = await client().deviceInfo({ port: s.port });
    expect(svc.certificate?.daysToExpiry).toBeLessThanOrEqual(3);
    expect(svc.warnings.join(' ')).toMatch(/E_RD_CERT_EXPIRING/);
    const expired = await sim({ certValidityDays: -2 });
    expect((await client().deviceInfo({ port: expired.port })).warnings.join(' ')).toMatch(/E_RD_CERT_EXPIRED/);
    const unreg = await sim({ unregistered: true });
    expect((await client().deviceInfo({ port: unreg.port })).warnings.join(' ')).toMatch(/E_RD_UNREGISTERED/);
    expect((await client().capture({ port: unreg.port }, finger)).pidData.resp.errCode).toBe('740');
  });
});

describe('one capture at a time, cancel', () => {
  it('a second capture from another application while one runs gets 710 from the service', async () => {
    const s = await sim({ captureDelayMs: 400 });
    const first = client().capture({ port: s.port }, finger);
    await new Promise((r) => setTimeout(r, 100));
    expect((await client().rdService({ port: s.port })).status).toBe('USED');
    const second = await client().capture({ port: s.port }, finger);
    expect(second.pidData.resp.errCode).toBe('710');
    expect((await first).pidData.resp.errCode).toBe('0');
  });

  it('the same client refuses a second capture on one device locally (E_RD_BUSY, 710)', async () => {
    const s = await sim({ captureDelayMs: 300 });
    const c = client();
    const first = c.capture({ port: s.port }, finger);
    await expect(c.capture({ port: s.port }, finger)).rejects.toMatchObject({ code: 'E_RD_BUSY', details: { errCode: '710' } });
    expect((await first).pidData.resp.errCode).toBe('0');
  });

  it('cancel aborts the socket; the device stays busy briefly (710), then captures again', async () => {
    const s = await sim({ captureDelayMs: 500 });
    const c = client();
    const running = c.capture({ port: s.port }, finger);
    await new Promise((r) => setTimeout(r, 150));
    expect(c.isCapturing({ port: s.port })).toBe(true);
    const t0 = Date.now();
    expect(c.cancel({ port: s.port })).toBe(true);
    await expect(running).rejects.toMatchObject({ code: 'E_RD_CANCELLED' });
    expect(Date.now() - t0).toBeLessThan(100);
    expect(c.cancel({ port: s.port })).toBe(false);
    expect((await c.capture({ port: s.port }, finger)).pidData.resp.errCode).toBe('710');
    await new Promise((r) => setTimeout(r, 450));
    expect((await c.capture({ port: s.port }, finger)).pidData.resp.errCode).toBe('0');
  });
});

describe('ports move', () => {
  it('a connection error on a known port triggers a rescan; the capture goes to where the service moved', async () => {
    const first = await sim({ modality: 'iris' });
    const oldPort = first.port;
    const spare = await sim({ modality: 'finger' }); // a different modality must not be picked
    const moved = await sim({ modality: 'iris', personality: 'mantra' });
    const c = new RdClient({ ports: [oldPort, spare.port, moved.port], budgetMs: 1000, captureGraceMs: 1000 });
    await c.discover();
    await first.close(); // the service restarts elsewhere
    const out = await c.capture({ port: oldPort }, iris);
    expect(out.port).toBe(moved.port);
    expect(out.pidData.success).toBe(true);
  });
});

describe('https', () => {
  it('a TLS-only service is found over https and captures there', async () => {
    const s = await sim({ tls: true, personality: 'mantra' });
    const c = client();
    const found = await c.discover({ ports: [s.port], budgetMs: 1000 });
    expect(found.services.map((x) => x.scheme)).toEqual(['https']);
    const out = await c.capture({ port: s.port }, finger);
    expect(out).toMatchObject({ scheme: 'https', pidData: { success: true } });
  });
});

describe('determinism', () => {
  it('a seed and a fixed clock give byte-identical PidData', async () => {
    const now = () => new Date('2026-11-01T04:00:00Z');
    const a = await sim({ seed: 's1', now });
    const b = await sim({ seed: 's1', now });
    const [x, y] = await Promise.all([client().capture({ port: a.port }, finger), client().capture({ port: b.port }, finger)]);
    expect(x.payload.sha256).toBe(y.payload.sha256);
    // ts is IST, 19 characters, and prefixes Data.
    expect(Buffer.from(x.pidData.data!.value, 'base64').subarray(0, 19).toString()).toBe('2026-11-01T09:30:00');
  });
});
