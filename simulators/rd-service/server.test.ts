/** The simulator's wire behaviour on raw sockets, and its control endpoint. */
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { startControlServer, startRdSimulator, type RdSimulator } from './index';

const closers: Array<() => Promise<void>> = [];
afterAll(async () => { for (const c of closers) await c(); });

async function sim(o: Parameters<typeof startRdSimulator>[0] = {}): Promise<RdSimulator> {
  const s = await startRdSimulator({ captureDelayMs: 5, ...o });
  closers.push(() => s.close());
  return s;
}

/** Sends raw bytes; resolves with what came back when the server closed, or '(silent)' after waitMs. */
function raw(port: number, text: string, waitMs = 400): Promise<string> {
  return new Promise((resolve) => {
    const c = net.connect(port, '127.0.0.1');
    let buf = '';
    const t = setTimeout(() => { c.destroy(); resolve(buf || '(silent)'); }, waitMs);
    c.on('data', (d) => (buf += d.toString()));
    c.on('close', () => { clearTimeout(t); resolve(buf); });
    c.on('error', () => {});
    c.write(text);
  });
}

const PID_OPTS = '<PidOptions ver="1.0"><Opts fCount="1" fType="0" iCount="0" pCount="0" format="0" pidVer="2.0" timeout="10000" posh="UNKNOWN" env="P"/></PidOptions>';

describe('RD simulator on the wire', () => {
  it('answers RDSERVICE * with the spec header set and closes', async () => {
    const s = await sim();
    const r = await raw(s.port, 'RDSERVICE * HTTP/1.1\r\nHOST: 127.0.0.1\r\nEXT: test\r\n\r\n');
    expect(r).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(r).toMatch(/Cache-Control: no-cache\r\n/);
    expect(r).toMatch(new RegExp(`Location: http://127\\.0\\.0\\.1:${s.port}\\r\\n`));
    expect(r).toMatch(/Connection: Closed\r\n/); // spec-literal in the spec personality
    expect(r).toMatch(/<RDService status="READY"/);
  });

  it('accepts absolute-form targets and chunked bodies', async () => {
    const s = await sim();
    expect(await raw(s.port, `DEVICEINFO http://127.0.0.1:${s.port}/rd/info HTTP/1.1\r\n\r\n`)).toContain(`dc="${s.device.dc}"`);
    const chunked = `CAPTURE /rd/capture HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n${PID_OPTS.length.toString(16)}\r\n${PID_OPTS}\r\n0\r\n\r\n`;
    expect(await raw(s.port, chunked, 3000)).toContain('errCode="0"');
  });

  it('spec mode stays silent for unknown verbs; mantra answers 405 and CORS preflights', async () => {
    const spec = await sim();
    expect(await raw(spec.port, 'GET / HTTP/1.1\r\n\r\n')).toBe('');
    const mantra = await sim({ personality: 'mantra' });
    expect(await raw(mantra.port, 'GET / HTTP/1.1\r\n\r\n')).toMatch(/^HTTP\/1\.1 405/);
    const pre = await raw(mantra.port, 'OPTIONS /rd/capture HTTP/1.1\r\nOrigin: http://x\r\n\r\n');
    expect(pre).toMatch(/Access-Control-Allow-Methods: RDSERVICE, DEVICEINFO, CAPTURE/);
  });

  it('legacy-lf answers with bare LF and no Content-Length', async () => {
    const s = await sim({ personality: 'legacy-lf' });
    const r = await raw(s.port, 'RDSERVICE * HTTP/1.1\r\n\r\n');
    expect(r).toMatch(/^HTTP\/1\.1 200 OK\n/);
    expect(r).not.toMatch(/\r/);
    expect(r).not.toMatch(/Content-Length/i);
  });

  it('a CAPTURE on an unknown path is 770; garbage is dropped', async () => {
    const s = await sim();
    expect(await raw(s.port, 'CAPTURE /nope HTTP/1.1\r\n\r\n')).toContain('errCode="770"');
    expect(await raw(s.port, '\x16\x03\x01 not http\r\n\r\n')).toBe('');
  });
});

describe('control endpoint', () => {
  it('arms faults, sets the status and reports the state', async () => {
    const s = await sim();
    const control = await startControlServer(s);
    closers.push(() => control.close());
    const base = `http://127.0.0.1:${control.port}`;
    const post = (p: string, body: unknown) => fetch(base + p, { method: 'POST', body: JSON.stringify(body) });
    expect((await post('/fault', { fault: '730', times: 1 })).status).toBe(200);
    const capture = `CAPTURE /rd/capture HTTP/1.1\r\nContent-Length: ${PID_OPTS.length}\r\n\r\n${PID_OPTS}`;
    expect(await raw(s.port, capture)).toContain('errCode="730"');
    expect(await raw(s.port, capture)).toContain('errCode="0"');
    expect((await post('/status', { status: 'NOTREADY' })).status).toBe(200);
    expect(await raw(s.port, 'RDSERVICE * HTTP/1.1\r\n\r\n')).toContain('status="NOTREADY"');
    expect(await raw(s.port, capture)).toContain('errCode="720"');
    expect((await post('/fault', { fault: 'nonsense' })).status).toBe(400);
    await post('/fault', { fault: 'silent' });
    expect(await raw(s.port, 'RDSERVICE * HTTP/1.1\r\n\r\n', 300)).toBe('(silent)');
    expect((await fetch(`${base}/fault`, { method: 'DELETE' })).status).toBe(200);
    const state = await (await fetch(`${base}/state`)).json();
    expect(state).toMatchObject({ port: s.port, status: 'NOTREADY', captures: 1, faults: [] }); // only the successful capture counts
  });
});
