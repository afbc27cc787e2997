/**
 * The simulated RD service: raw TCP (or TLS) on 127.0.0.1, one request per
 * connection, verbs RDSERVICE / DEVICEINFO / CAPTURE, states READY / NOTREADY /
 * USED, one capture at a time (a concurrent one gets 710), fault injection, and
 * a seeded, clock-injectable PID builder. See reference §9.
 */
import { createPrivateKey, randomBytes } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import { readCaptureOptions } from './capture-options';
import { issueDeviceCertificate, validityWindow } from './device-cert';
import { deviceInfoXml, errorPidDataXml, rdServiceXml, successPidDataXml, type DeviceFacts } from './documents';
import { FaultBox, type Fault } from './faults';
import { parseRequest, writeResponse, type RawRequest } from './http';
import { certificateIndex, certificateNotAfter, deviceKeyPem, testUidaiCertPem, tlsLoopbackCertPem, tlsLoopbackKeyPem } from './keys';
import { personalities, type PersonalityName, type SimModality } from './personalities';
import { buildPidXml, istIso, istTimestamp, sealPid } from './pid';
import { PresentationBox, type Presentation, type Quality } from './presentation';
import { createRng } from './prng';

export type SimStatus = 'READY' | 'NOTREADY' | 'USED';

export interface RdSimulatorOptions {
  modality?: SimModality;
  personality?: PersonalityName;
  /** Fixed port; 0 = any free port. Ignored when `portRange` is given. */
  port?: number;
  /** Take the first free port in [from, to], as real services do from 11100 upward. */
  portRange?: [number, number];
  seed?: string;
  now?: () => Date;
  /** Simulated finger/eye placement time. */
  captureDelayMs?: number;
  /** Delay of the "slow" fault. */
  slowMs?: number;
  status?: SimStatus;
  /** Answer RDSERVICE with USED while a capture runs (else READY). */
  usedWhileCapturing?: boolean;
  faults?: Array<{ fault: Fault; times?: number }>;
  /** Validity of the device certificate mc from now, in days (negative = already expired). */
  certValidityDays?: number;
  /** Empty dc/mc, like an unregistered device (captures answer 740). */
  unregistered?: boolean;
  /** Test UIDAI encryption certificate (PEM); defaults to the committed one. */
  uidaiCertPem?: string;
  tls?: boolean;
  /**
   * Whose finger or eye is at the sensor (a subject of src/devices/rd/pid/synthetic-biometrics.ts).
   * Default: a stranger of this simulator's own (stable for its lifetime; from the seed when seeded).
   */
  subject?: string;
  /** Which finger or eye they present (posh name); default: the one asked for, else right index / right iris. */
  position?: Presentation['position'];
  /** Placement quality; default "good". See presentation.ts. */
  quality?: Quality;
}

export interface RdSimulator {
  readonly port: number;
  readonly scheme: 'http' | 'https';
  readonly modality: SimModality;
  readonly personality: PersonalityName;
  readonly faults: FaultBox;
  /** Device facts as DEVICEINFO reports them. */
  readonly device: DeviceFacts;
  setStatus(status: SimStatus): void;
  /** Who is at the sensor from now on (`times` = only for that many captures, then back to the standing one). */
  present(p: Presentation, times?: number): void;
  state(): { status: SimStatus; capturing: boolean; captures: number; faults: ReturnType<FaultBox['list']>; presented: ReturnType<PresentationBox['describe']> };
  close(): Promise<void>;
}

export async function startRdSimulator(o: RdSimulatorOptions = {}): Promise<RdSimulator> {
  const modality = o.modality ?? 'finger';
  const p = personalities[o.personality ?? 'spec'];
  const now = o.now ?? (() => new Date());
  const rng = createRng(o.seed);
  const uidaiCert = o.uidaiCertPem ?? testUidaiCertPem();
  const ci = certificateIndex(uidaiCert);
  const uidaiNotAfter = certificateNotAfter(uidaiCert);
  const deviceKey = createPrivateKey(deviceKeyPem(modality));
  const dc = o.unregistered ? '' : rng.uuid();
  const start = now();
  const mc = o.unregistered ? '' : await issueDeviceCertificate({ modality, dc, serialHex: `0${rng.bytes(8).toString('hex')}`, ...validityWindow(start, o.certValidityDays ?? 30) });
  const srno = `VDXSIM${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
  const sysid = rng.bytes(8).toString('hex').toUpperCase();
  const identity = { dpId: p.dpId, rdsId: p.rdsId, rdsVer: p.rdsVer, dc, mi: p.mi(modality) };
  const facts = (): DeviceFacts => ({ ...identity, mc, srno, sysid, ts: istIso(now()) });
  const presented = new PresentationBox({
    subject: o.subject ?? `stranger-${rng.bytes(6).toString('hex')}`,
    quality: o.quality ?? 'good',
    ...(o.position ? { position: o.position } : {}),
  });
  const faults = new FaultBox();
  for (const f of o.faults ?? []) faults.set(f.fault, f.times);
  let status: SimStatus = o.status ?? 'READY';
  let capturing = false;
  let captures = 0;
  let port = 0;
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number) => new Promise<void>((resolve) => {
    const t = setTimeout(() => { timers.delete(t); resolve(); }, ms);
    timers.add(t);
  });

  const respond = (socket: net.Socket, status: string, path: string, body: string, extra: Array<[string, string]> = []) => {
    if (socket.destroyed) return;
    socket.end(writeResponse(p.style, status, [['Cache-Control', 'no-cache'], ['Location', `${o.tls ? 'https' : 'http'}://127.0.0.1:${port}${path}`], ['Content-Type', 'text/xml'], ...extra], body));
  };

  const targetPath = (target: string) => {
    const abs = /^https?:\/\/[^/]+(\/.*)?$/i.exec(target);
    return abs ? abs[1] ?? '/' : target;
  };

  async function capture(req: RawRequest, socket: net.Socket, path: string, fault: Fault | undefined) {
    const reply = (body: string) => respond(socket, '200 OK', path, body);
    if (capturing) return reply(errorPidDataXml(p, '710', 'Device is being used by another application'));
    if (fault && ['710', '720', '730', '740', '999'].includes(fault)) return reply(errorPidDataXml(p, fault, `Simulated fault ${fault}`));
    if (fault === 'empty') return respond(socket, '200 OK', path, '');
    if (status === 'NOTREADY') return reply(errorPidDataXml(p, '720', 'Device not ready'));
    if (status === 'USED') return reply(errorPidDataXml(p, '710', 'Device is being used by another application'));
    const opts = readCaptureOptions(req.body, modality, p.envOnlyP);
    if (!opts.ok) return reply(errorPidDataXml(p, opts.errCode, opts.errInfo));
    if (o.unregistered || now().getTime() > uidaiNotAfter.getTime()) return reply(errorPidDataXml(p, '740', 'Device needs re-initialisation'));
    capturing = true;
    try {
      // The device stays busy for the whole placement time, even if the client hung up (a cancel).
      if (fault === 'timeout') {
        await later(opts.value.timeout);
        return reply(errorPidDataXml(p, '700', 'Capture timed out'));
      }
      const who = presented.take();
      if (who.quality === 'none') {
        // Nobody put a finger (or eye) on the sensor: the service waits out the timeout, like a real one.
        await later(opts.value.timeout);
        return reply(errorPidDataXml(p, '700', 'Capture timed out'));
      }
      await later(o.captureDelayMs ?? 300);
      const ts = istTimestamp(now());
      const pid = buildPidXml(opts.value, ts, { ...identity, key: deviceKey }, rng, who);
      const sessionKey = o.seed === undefined ? randomBytes(32) : rng.bytes(32);
      const sealed = sealPid(pid.xml, ts, sessionKey, uidaiCert, ci, o.seed === undefined ? undefined : rng);
      captures++;
      reply(successPidDataXml(p, { fCount: opts.value.fCount, fType: opts.value.fType, iCount: opts.value.iCount, iType: opts.value.iType, nmPoints: pid.nmPoints, qScore: pid.qScore, ts }, facts(), sealed));
    } finally {
      capturing = false;
    }
  }

  async function handle(req: RawRequest, socket: net.Socket) {
    const path = targetPath(req.target);
    const verb = req.method;
    const known = verb === 'RDSERVICE' || verb === 'DEVICEINFO' || verb === 'CAPTURE';
    if (!known) {
      if (verb === 'OPTIONS' && p.preflight) {
        return respond(socket, '200 OK', path, '', [
          ['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Methods', 'RDSERVICE, DEVICEINFO, CAPTURE'],
          ['Access-Control-Allow-Headers', 'Content-Type, EXT'], ['Access-Control-Allow-Private-Network', 'true'],
        ]);
      }
      if (p.unknownMethod === '405') return respond(socket, '405 Method Not Allowed', path, '');
      return socket.destroy();
    }
    const fault = faults.take(verb);
    if (fault === 'silent') return; // hold the socket open, say nothing (the spec's answer to the unknown)
    if (fault === 'slow') await later(o.slowMs ?? 3000);
    if (fault === 'malformed') return respond(socket, '200 OK', path, verb === 'CAPTURE' ? '<PidData><Resp errCode="0" errInfo="' : '<RDService status="READY" info="broken><Interface');
    const anyTarget = path === '*' || path === '/';
    if (verb === 'RDSERVICE') {
      const shown = capturing && (o.usedWhileCapturing ?? true) ? 'USED' : status;
      return respond(socket, '200 OK', '', rdServiceXml(p, modality, shown, port));
    }
    if (verb === 'DEVICEINFO') {
      if (!anyTarget && !p.paths.deviceInfo.includes(path)) return socket.destroy();
      return respond(socket, '200 OK', path, deviceInfoXml(p, facts()));
    }
    if (!anyTarget && !p.paths.capture.includes(path)) return respond(socket, '200 OK', path, errorPidDataXml(p, '770', 'Invalid URL'));
    return capture(req, socket, path, fault);
  }

  const onConnection = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buf = Buffer.alloc(0);
    let done = false;
    socket.on('data', (chunk: Buffer) => {
      if (done) return;
      buf = Buffer.concat([buf, chunk]);
      const outcome = parseRequest(buf);
      if (outcome.kind === 'need-more') return;
      done = true;
      if (outcome.kind === 'bad') return void socket.destroy();
      handle(outcome.request, socket).catch(() => {
        respond(socket, '200 OK', '', errorPidDataXml(p, '999', 'Internal error'));
      });
    });
  };

  const server = o.tls
    ? tls.createServer({ key: tlsLoopbackKeyPem(), cert: tlsLoopbackCertPem() }, onConnection)
    : net.createServer(onConnection);
  server.on('tlsClientError', () => {});
  const candidates = o.portRange ? range(o.portRange[0], o.portRange[1]) : [o.port ?? 0];
  port = await listenFirstFree(server, candidates);

  return {
    port,
    scheme: o.tls ? 'https' : 'http',
    modality,
    personality: p.name,
    faults,
    device: facts(),
    setStatus: (s) => void (status = s),
    present: (who, times) => presented.set(who, times),
    state: () => ({ status, capturing, captures, faults: faults.list(), presented: presented.describe() }),
    async close() {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

async function listenFirstFree(server: net.Server, ports: number[]): Promise<number> {
  for (const port of ports) {
    const ok = await new Promise<boolean>((resolve) => {
      const onError = () => resolve(false);
      server.once('error', onError);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', onError);
        resolve(true);
      });
    });
    if (ok) return (server.address() as net.AddressInfo).port;
  }
  throw new Error(`no free port in ${ports[0]}-${ports[ports.length - 1]}`);
}
