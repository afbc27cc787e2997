/**
 * Application-level encryption of personal-data columns (`*_enc` BYTEA):
 * AES-256-GCM with a random 96-bit IV per value, and keyed hashes
 * (HMAC-SHA256) for the columns we look things up by. Both keys are derived
 * from one 32-byte data key (HKDF), which comes from the environment
 * (VDEX_SERVER_DATA_KEY, base64) and never from the database.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const FORMAT_V1 = 1;

export class FieldCipher {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(dataKey: Buffer) {
    if (dataKey.length !== 32) throw new Error('The server data key must be 32 bytes.');
    this.encKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'vdex field encryption v1', 32));
    this.macKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'vdex field lookup hash v1', 32));
  }

  static fromBase64(key: string): FieldCipher {
    return new FieldCipher(Buffer.from(key, 'base64'));
  }

  /** version (1) | iv (12) | tag (16) | ciphertext */
  encrypt(plain: string): Buffer {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.encKey, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return Buffer.concat([Buffer.of(FORMAT_V1), iv, c.getAuthTag(), body]);
  }

  encryptOptional(plain: string | undefined): Buffer | null {
    return plain === undefined ? null : this.encrypt(plain);
  }

  decrypt(sealed: Uint8Array): string {
    const buf = Buffer.from(sealed);
    if (buf[0] !== FORMAT_V1 || buf.length < 29) throw new Error('Unknown field encryption format.');
    const d = createDecipheriv('aes-256-gcm', this.encKey, buf.subarray(1, 13));
    d.setAuthTag(buf.subarray(13, 29));
    return Buffer.concat([d.update(buf.subarray(29)), d.final()]).toString('utf8');
  }

  /** Keyed hash for equality lookups without storing the value. */
  lookupHash(value: string): string {
    return createHmac('sha256', this.macKey).update(value).digest('hex');
  }
}
