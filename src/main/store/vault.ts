/**
 * The Aadhaar vault: the only place a full Aadhaar number or VID is kept,
 * encrypted again (inside the SQLCipher file) with a second key: AES-256-GCM,
 * a fresh 96-bit IV per value, the reference key as associated data so a
 * ciphertext cannot be moved to another entry. Addressed by reference key;
 * every read is audited. Everywhere else: last 4 digits and an HMAC-SHA256
 * keyed hash (a plain hash of a 12-digit space is brute-forced in seconds).
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { KioskError } from '../../shared/errors';
import { checkAadhaarOrVid, type AadhaarIdKind } from '../../shared/validators/aadhaar';
import type { AuditLog } from './audit/chain';
import { iso, systemClock, type Clock } from './clock';
import { inTransaction, type Db } from './database';
import { StoreErrorCode } from './errors';
import { stmt } from './rows';

const FORMAT_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface VaultKeys {
  encryptionKey: Buffer;
  hmacKey: Buffer;
  version: number;
}

/** Two independent keys from the key store's `vault` secret (HKDF-SHA256, distinct labels). */
export function deriveVaultKeys(secret: Buffer, version = 1): VaultKeys {
  const derive = (label: string) => Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `vdex vault ${label} v${version}`, 32));
  return { encryptionKey: derive('aes-256-gcm'), hmacKey: derive('hmac-sha256'), version };
}

export interface VaultEntryRef {
  refKey: string;
  kind: AadhaarIdKind;
  last4: string;
  masked: string;
  keyedHash: string;
}

export interface VaultActor {
  agentId: string | null;
  /** Why the number is needed (e.g. "ckyc-upload"); recorded in the audit entry. */
  purpose: string;
}

export class AadhaarVault {
  constructor(private readonly db: Db, private readonly keys: VaultKeys, private readonly audit: AuditLog, private readonly clock: Clock = systemClock) {}

  /** HMAC-SHA256 of the digits: for duplicate detection and OTP rate limits. */
  keyedHash(digits: string): string {
    return createHmac('sha256', this.keys.hmacKey).update(digits).digest('hex');
  }

  private parse(input: string) {
    const check = checkAadhaarOrVid(input);
    if (!check.ok) throw new KioskError(StoreErrorCode.VAULT_BAD_ID, check.reason === 'format' ? 'That is not a 12-digit Aadhaar number or a 16-digit VID.' : 'That number fails the Aadhaar checksum; check it was typed correctly.', { reason: check.reason });
    return check;
  }

  /** Keyed hash of a typed number, validated first (duplicate checks before storing). */
  hashOf(input: string): string {
    return this.keyedHash(this.parse(input).digits);
  }

  /** Stores a number (or finds it already stored) and returns its reference key. Audited. */
  put(input: string, actor: VaultActor): VaultEntryRef {
    const id = this.parse(input);
    const keyedHash = this.keyedHash(id.digits);
    return inTransaction(this.db, 'store the Aadhaar number in the vault', () => {
      const existing = stmt(this.db, 'SELECT ref_key FROM aadhaar_vault WHERE keyed_hash = ?').pluck(true).get(keyedHash) as string | undefined;
      const refKey = existing ?? `adv_${randomUUID()}`;
      if (!existing) {
        stmt(this.db, 'INSERT INTO aadhaar_vault (ref_key, kind, keyed_hash, ciphertext, key_version, created_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(refKey, id.kind, keyedHash, this.encrypt(refKey, id.digits), this.keys.version, iso(this.clock()));
      }
      this.audit.append({ action: existing ? 'vault.put.existing' : 'vault.put', agentId: actor.agentId, subjectRef: refKey, details: { kind: id.kind, purpose: actor.purpose } });
      return { refKey, kind: id.kind, last4: id.last4, masked: id.masked, keyedHash };
    });
  }

  /** The full number, for a stated purpose. Every read writes an audit entry first. */
  reveal(refKey: string, actor: VaultActor): string {
    const row = stmt(this.db, 'SELECT ciphertext FROM aadhaar_vault WHERE ref_key = ?').get(refKey) as { ciphertext: Buffer } | undefined;
    // Audited before decrypting, in its own commit: a failed or refused read is still on record.
    this.audit.append({ action: row ? 'vault.read' : 'vault.read.missing', agentId: actor.agentId, subjectRef: refKey, details: { purpose: actor.purpose } });
    if (!row) throw new KioskError(StoreErrorCode.NOT_FOUND, 'No vault entry has that reference key.', { refKey });
    return this.decrypt(refKey, row.ciphertext);
  }

  has(refKey: string): boolean {
    return stmt(this.db, 'SELECT 1 FROM aadhaar_vault WHERE ref_key = ?').pluck(true).get(refKey) !== undefined;
  }

  /** Removes an entry (retention, erasure). Audited. Returns false when it was not there. */
  remove(refKey: string, actor: VaultActor): boolean {
    return inTransaction(this.db, 'remove a vault entry', () => {
      const removed = stmt(this.db, 'DELETE FROM aadhaar_vault WHERE ref_key = ?').run(refKey).changes > 0;
      if (removed) this.audit.append({ action: 'vault.delete', agentId: actor.agentId, subjectRef: refKey, details: { purpose: actor.purpose } });
      return removed;
    });
  }

  private encrypt(refKey: string, digits: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.encryptionKey, iv);
    cipher.setAAD(Buffer.from(refKey, 'utf8'));
    const body = Buffer.concat([cipher.update(digits, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([FORMAT_VERSION]), iv, cipher.getAuthTag(), body]);
  }

  private decrypt(refKey: string, blob: Buffer): string {
    try {
      if (blob[0] !== FORMAT_VERSION) throw new Error('unknown vault format');
      const iv = blob.subarray(1, 1 + IV_BYTES);
      const tag = blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', this.keys.encryptionKey, iv);
      decipher.setAAD(Buffer.from(refKey, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(blob.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch (e) {
      throw new KioskError(StoreErrorCode.VAULT_TAMPERED, 'A vault entry failed its integrity check (altered, moved or under another key). Call support.', { refKey }, { cause: e });
    }
  }
}
