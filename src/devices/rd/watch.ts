/**
 * Cheap probes for the hub's fast presence watch (devices arriving and leaving
 * within 2 s): RDSERVICE on a port already known (is it still there, same
 * status?) and a bare TCP connect on the other ports of the range (has
 * something started listening?). Full discovery with DEVICEINFO runs only on
 * the ports these flag.
 */
import net from 'node:net';
import { isKioskError } from '../../shared/errors';
import { parseRdService } from './rd-service-doc';
import { RD_HOST, rdRequest } from './transport';
import type { RdScheme, RdStatus } from './types';

/**
 * `same`: answers with the status we hold. `changed`: answers differently (or
 * not as an RD service): rediscover it. `gone`: nothing listens there any
 * more. `unsure`: no answer in time but the port still accepts connections (a
 * busy service): keep it, the periodic full scan decides.
 */
export type KnownCheck = 'same' | 'changed' | 'gone' | 'unsure';

export async function recheckKnown(
  known: { port: number; scheme: RdScheme; status: RdStatus },
  o: { timeoutMs: number; connectTimeoutMs: number; ext: string; signal?: AbortSignal },
): Promise<KnownCheck> {
  try {
    const res = await rdRequest({ scheme: known.scheme, port: known.port, method: 'RDSERVICE', path: '*', timeoutMs: o.timeoutMs, ext: o.ext, signal: o.signal });
    if (res.status !== 200) return 'changed';
    return parseRdService(res.body).status === known.status ? 'same' : 'changed';
  } catch (e) {
    const reason = isKioskError(e) ? e.details?.reason : undefined;
    // Refused: the service stopped (a connection error on a known device marks it gone at once).
    if (reason === 'refused') return 'gone';
    if (reason === 'cancelled') return 'unsure';
    // Windows answers a connect to a closed loopback port only after ~2 s of SYN retries, so a
    // departed service shows as a timeout there: a port that no longer accepts a connection is gone.
    if (reason === 'timeout') return (await acceptsConnection(known.port, o.connectTimeoutMs)) ? 'unsure' : 'gone';
    // A reset or a broken answer may be a restart in progress: rediscover that port.
    return 'changed';
  }
}

/** True when something accepts a TCP connection on the loopback port within the timeout. */
export function acceptsConnection(port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: RD_HOST, port });
    const done = (open: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(open);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
