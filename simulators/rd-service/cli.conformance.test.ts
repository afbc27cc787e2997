/** `vdex rd` and `vdex simulate` against the simulator, in-process. (Under simulators/: src/ may not import it.) */
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { startRdSimulator, type RdSimulator } from './index';

const sims: RdSimulator[] = [];
afterAll(async () => { await Promise.all(sims.map((s) => s.close())); });

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => void out.push(t), err: (t) => void err.push(t), readStdin: async () => '' });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('vdex rd', () => {
  it('discover --json lists each service with port, scheme, status, info, modality and interfaces', async () => {
    const a = await startRdSimulator({ modality: 'finger', personality: 'morpho' });
    const b = await startRdSimulator({ modality: 'iris', tls: true });
    sims.push(a, b);
    const r = await run(['rd', 'discover', '--ports', `${a.port},${b.port}`, '--json']);
    expect(r.code).toBe(0);
    const services = JSON.parse(r.out).value.services as Array<Record<string, unknown>>;
    expect(services.map((s) => [s.port, s.scheme, s.status, s.modality])).toEqual(expect.arrayContaining([[a.port, 'http', 'READY', 'finger'], [b.port, 'https', 'READY', 'iris']]));
    expect(services).toHaveLength(2);
    expect(services.find((s) => s.port === a.port)).toMatchObject({ info: expect.stringContaining('Morpho'), interfaces: { capture: '/capture', deviceInfo: '/getDeviceInfo' } });
  });

  it('info --port N --json reports the device and its certificate', async () => {
    const s = await startRdSimulator({ modality: 'finger', certValidityDays: 2 });
    sims.push(s);
    const r = await run(['rd', 'info', '--port', String(s.port), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).value).toMatchObject({ device: { dc: s.device.dc }, certificate: { expired: false }, warnings: [expect.stringMatching(/E_RD_CERT_EXPIRING/)] });
  });

  it('capture --json prints codes, quality and ids, and only the length and SHA-256 of the PID block', async () => {
    const s = await startRdSimulator({ modality: 'finger', captureDelayMs: 10 });
    sims.push(s);
    const r = await run(['rd', 'capture', '--port', String(s.port), '--modality', 'finger', '--count', '2', '--env', 'S', '--json']);
    expect(r.code).toBe(0);
    const v = JSON.parse(r.out).value;
    expect(v).toMatchObject({ errCode: '0', fCount: 2, device: { dc: s.device.dc }, payload: { length: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(v.qScore).toHaveLength(2);
    expect(r.out).not.toMatch(/Skey|Hmac|<Data|<Pid/);
    expect(r.out.length).toBeLessThan(2000);
  });

  it('a non-zero errCode exits non-zero with E_RD_<code>', async () => {
    const s = await startRdSimulator({ modality: 'finger', faults: [{ fault: '720' }] });
    sims.push(s);
    const r = await run(['rd', 'capture', '--port', String(s.port), '--modality', 'finger', '--json']);
    expect(r.code).toBe(72);
    expect(JSON.parse(r.out).error).toMatchObject({ code: 'E_RD_720' });
  });

  it('usage errors are E_CLI_USAGE', async () => {
    expect((await run(['rd', 'capture', '--modality', 'finger'])).err).toMatch(/E_CLI_USAGE/);
    expect((await run(['rd', 'frob'])).code).toBe(1);
    expect((await run(['simulate', 'nothing'])).err).toMatch(/E_CLI_USAGE: simulate what\?/);
    expect((await run(['simulate', 'rd', '--personality', 'acme'])).err).toMatch(/E_CLI_USAGE/);
  });
});
