/**
 * Request authentication. An admin sends `Authorization: Bearer <token>`; a
 * kiosk signs method, path, body hash, time and nonce with its Ed25519 key.
 * A request is refused (401) when unsigned, signed by an unknown or revoked
 * device, forged, outside the replay window, or when its nonce was seen.
 */
import { createHash, timingSafeEqual, verify as verifySignature } from 'node:crypto';
import {
  HEADER_DEVICE, HEADER_NONCE, HEADER_SIGNATURE, HEADER_TIME, REPLAY_WINDOW_MS, canonicalRequest,
} from '../../../src/shared/sync/signing';
import type { Database } from '../db/database';
import type { DeviceRegistry } from './devices';
import { HttpError } from './errors';

/** A request's nonce not yet stored: the sync batch route stores it inside its own transaction (one commit, not two). */
export interface PendingNonce {
  nonce: string;
  expiresAt: Date;
}

export type Identity = { kind: 'admin' } | { kind: 'device'; deviceId: string; branchId: string; pendingNonce?: PendingNonce };

export const replayError = () => new HttpError(401, 'E_AUTH_REPLAY', 'This request was already received (replayed nonce).');

export const NONCE_INSERT = 'INSERT INTO request_nonces (device_id, nonce, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING';

export interface RequestFacts {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer | undefined;
}

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest();
const header = (h: RequestFacts['headers'], name: string) => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

export class Authenticator {
  private readonly adminTokenHash: Buffer;
  private lastSweep = 0;

  constructor(private readonly db: Database, private readonly devices: DeviceRegistry, adminToken: string, private readonly now: () => number = Date.now) {
    this.adminTokenHash = sha256(adminToken);
  }

  /** `deferNonce`: the caller stores `pendingNonce` itself (and must answer E_AUTH_REPLAY when it was already there). */
  async authenticate(req: RequestFacts, options: { deferNonce?: boolean } = {}): Promise<Identity> {
    const auth = header(req.headers, 'authorization');
    if (auth?.startsWith('Bearer ')) {
      if (timingSafeEqual(sha256(auth.slice(7)), this.adminTokenHash)) return { kind: 'admin' };
      throw new HttpError(401, 'E_AUTH_BAD_TOKEN', 'The admin token is not valid.');
    }
    const deviceId = header(req.headers, HEADER_DEVICE);
    const time = header(req.headers, HEADER_TIME);
    const nonce = header(req.headers, HEADER_NONCE);
    const signature = header(req.headers, HEADER_SIGNATURE);
    if (!deviceId || !time || !nonce || !signature) {
      throw new HttpError(401, 'E_AUTH_MISSING', 'This request needs a device signature or an admin token.');
    }
    if (!/^\d{1,16}$/.test(time) || !/^[A-Za-z0-9_-]{16,64}$/.test(nonce)) throw new HttpError(401, 'E_AUTH_BAD_SIGNATURE', 'The signature headers are malformed.');
    const device = await this.devices.get(deviceId);
    if (!device) throw new HttpError(401, 'E_AUTH_UNKNOWN_DEVICE', 'This device is not enrolled.');
    if (device.status !== 'active') throw new HttpError(401, 'E_AUTH_REVOKED', 'This device has been revoked. Enrol it again with a new code.');
    const bodySha256 = createHash('sha256').update(req.rawBody ?? Buffer.alloc(0)).digest('hex');
    const message = canonicalRequest({ method: req.method, path: req.url, bodySha256, time, nonce, deviceId });
    let good: boolean;
    try {
      good = verifySignature(null, Buffer.from(message), device.publicKey, Buffer.from(signature, 'base64'));
    } catch {
      good = false;
    }
    if (!good) throw new HttpError(401, 'E_AUTH_BAD_SIGNATURE', 'The request signature does not verify.');
    const skew = Number(time) - this.now();
    if (Math.abs(skew) > REPLAY_WINDOW_MS) {
      throw new HttpError(401, 'E_AUTH_CLOCK_SKEW', 'The request time is outside the replay window; correct the kiosk clock.', { skewMs: skew });
    }
    // The nonce is remembered for twice the window, so a replay inside it is refused.
    const pendingNonce = { nonce, expiresAt: new Date(this.now() + 2 * REPLAY_WINDOW_MS) };
    await this.sweepNonces();
    if (options.deferNonce) return { kind: 'device', deviceId, branchId: device.branchId, pendingNonce };
    if (!(await this.storeNonce(deviceId, pendingNonce))) throw replayError();
    return { kind: 'device', deviceId, branchId: device.branchId };
  }

  /** False when the nonce was already stored (a replay). */
  async storeNonce(deviceId: string, n: PendingNonce): Promise<boolean> {
    const seen = await this.db.query(NONCE_INSERT, [deviceId, n.nonce, n.expiresAt], { name: 'auth-insert-nonce' });
    return seen.rowCount > 0;
  }

  private async sweepNonces(): Promise<void> {
    if (this.now() - this.lastSweep < 60_000) return;
    this.lastSweep = this.now();
    await this.db.query('DELETE FROM request_nonces WHERE expires_at < $1', [new Date(this.now())]);
  }
}
