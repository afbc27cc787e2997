/**
 * The control endpoint, on its own port so it can never be mistaken for the RD
 * service: GET /state; POST /fault {"fault":"720","times":1}; DELETE /fault;
 * POST /status {"status":"NOTREADY"}; POST /present {"subject":"rahul-sharma",
 * "position":"LEFT_INDEX","quality":"good|poor|none|1-100","times":1} (who is at the
 * sensor: from now on, or for the next `times` captures). Plain JSON over loopback HTTP.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isFault } from './faults';
import { readPresentation, type PresentationInput } from './presentation';
import type { RdSimulator } from './server';

export interface ControlServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startControlServer(sim: RdSimulator, port = 0): Promise<ControlServer> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => { if (body.length < 4096) body += c; });
    req.on('end', () => {
      const send = (code: number, value: unknown) => {
        res.writeHead(code, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      let json: Record<string, unknown>;
      try {
        json = body ? (JSON.parse(body) as Record<string, unknown>) : {};
      } catch {
        return send(400, { error: 'body must be JSON' });
      }
      if (typeof json !== 'object' || json === null || Array.isArray(json)) return send(400, { error: 'body must be a JSON object' });
      if (req.method === 'GET' && req.url === '/state') return send(200, { port: sim.port, modality: sim.modality, personality: sim.personality, ...sim.state() });
      if (req.method === 'POST' && req.url === '/fault') {
        const fault = String(json.fault ?? '');
        const times = json.times === undefined ? undefined : Number(json.times);
        if (!isFault(fault) || (times !== undefined && !(Number.isInteger(times) && times > 0))) return send(400, { error: 'unknown fault or bad times' });
        sim.faults.set(fault, times);
        return send(200, sim.state());
      }
      if (req.method === 'DELETE' && req.url === '/fault') {
        sim.faults.clear();
        return send(200, sim.state());
      }
      if (req.method === 'POST' && req.url === '/status') {
        const status = String(json.status ?? '');
        if (status !== 'READY' && status !== 'NOTREADY' && status !== 'USED') return send(400, { error: 'status must be READY, NOTREADY or USED' });
        sim.setStatus(status);
        return send(200, sim.state());
      }
      if (req.method === 'POST' && req.url === '/present') {
        const read = readPresentation(json as PresentationInput, sim.state().presented.subject);
        if (!read.ok) return send(400, { error: read.error });
        sim.present(read.value, read.times);
        return send(200, sim.state());
      }
      return send(404, { error: 'not found' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
