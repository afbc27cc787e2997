/**
 * Device registry: one-time enrolment codes (stored only as hashes, single
 * use, expiring), enrolment with the kiosk's Ed25519 public key, revocation.
 */
import { createHash, createPublicKey, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import type { Database } from '../db/database';
import { HttpError } from './errors';

const hashCode = (code: string) => createHash('sha256').update(code.trim().toUpperCase()).digest('hex');

export interface DeviceRecord {
  id: string;
  name: string;
  branchId: string;
  status: 'active' | 'revoked';
  publicKey: KeyObject;
}

export class DeviceRegistry {
  /** Public keys by device id; revocation drops the entry. */
  private readonly cache = new Map<string, DeviceRecord>();

  constructor(private readonly db: Database) {}

  async createEnrolmentCode(branchId: string, ttlMinutes = 60): Promise<{ code: string; expiresAt: string }> {
    // 20 random characters from a base32 alphabet: typed by an admin, read over the phone.
    const code = randomBytes(20).toString('base64url').replace(/[^A-Za-z0-9]/g, 'X').slice(0, 20).toUpperCase();
    const expiresAt = new Date(Date.now() + ttlMinutes * 60_000);
    await this.db.query('INSERT INTO enrolment_codes (code_hash, branch_id, expires_at) VALUES ($1, $2, $3)', [hashCode(code), branchId, expiresAt]);
    return { code, expiresAt: expiresAt.toISOString() };
  }

  async enrol(input: { code: string; name: string; publicKeyPem: string }): Promise<{ deviceId: string; branchId: string }> {
    let key: KeyObject;
    try {
      key = createPublicKey(input.publicKeyPem);
    } catch {
      throw new HttpError(422, 'E_ENROL_BAD_KEY', 'The public key is not a valid PEM key.');
    }
    if (key.asymmetricKeyType !== 'ed25519') throw new HttpError(422, 'E_ENROL_BAD_KEY', 'The device key must be Ed25519.');
    const deviceId = `dev_${randomUUID()}`;
    return this.db.transaction(async (tx) => {
      const claimed = await tx.query<{ branch_id: string }>(
        `UPDATE enrolment_codes SET used_at = now() WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING branch_id`,
        [hashCode(input.code)],
      );
      const branchId = claimed.rows[0]?.branch_id;
      if (!branchId) throw new HttpError(401, 'E_ENROL_BAD_CODE', 'The enrolment code is unknown, used or expired. Ask an administrator for a new one.');
      await tx.query('INSERT INTO devices (id, name, branch_id, public_key) VALUES ($1, $2, $3, $4)', [
        deviceId, input.name, branchId, key.export({ type: 'spki', format: 'pem' }).toString(),
      ]);
      await tx.query(`UPDATE enrolment_codes SET device_id = $1 WHERE code_hash = $2`, [deviceId, hashCode(input.code)]);
      await tx.query(`INSERT INTO device_chain_heads (device_id, last_seq, last_hash) VALUES ($1, 0, $2)`, [deviceId, '0'.repeat(64)]);
      return { deviceId, branchId };
    });
  }

  async get(deviceId: string): Promise<DeviceRecord | undefined> {
    const cached = this.cache.get(deviceId);
    if (cached) return cached;
    const { rows } = await this.db.query<{ id: string; name: string; branch_id: string; status: 'active' | 'revoked'; public_key: string }>(
      'SELECT id, name, branch_id, status, public_key FROM devices WHERE id = $1', [deviceId],
    );
    const r = rows[0];
    if (!r) return undefined;
    const record: DeviceRecord = { id: r.id, name: r.name, branchId: r.branch_id, status: r.status, publicKey: createPublicKey(r.public_key) };
    if (record.status === 'active') this.cache.set(deviceId, record);
    return record;
  }

  async revoke(deviceId: string): Promise<boolean> {
    const r = await this.db.query(`UPDATE devices SET status = 'revoked', revoked_at = now() WHERE id = $1 AND status = 'active'`, [deviceId]);
    this.cache.delete(deviceId);
    return r.rowCount > 0;
  }

  async list(): Promise<Array<Record<string, unknown>>> {
    const { rows } = await this.db.query(
      `SELECT d.id, d.name, d.branch_id AS "branchId", d.status, d.enrolled_at AS "enrolledAt", d.revoked_at AS "revokedAt",
              d.last_seen_at AS "lastSeenAt", h.last_seq AS "chainSeq", h.last_outbox_seq AS "lastOutboxSeq"
         FROM devices d LEFT JOIN device_chain_heads h ON h.device_id = d.id ORDER BY d.enrolled_at`,
    );
    return rows;
  }
}
