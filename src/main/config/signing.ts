/**
 * Signing and verifying the kiosk configuration file with Ed25519 (node:crypto). The central API
 * holds the private key; the kiosk trusts only public keys built into the app (trusted-keys.ts),
 * plus, outside production, one named by VDEX_CONFIG_PUBLIC_KEY.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { ConfigErrorCode } from '../../shared/config-errors';
import { KioskError } from '../../shared/errors';
import {
  CONFIG_FILE_FORMAT, SignedConfigFileSchema, SignedConfigPayloadSchema,
  type SignedConfigFile, type SignedConfigPayload, type SignedConfigPayloadInput,
} from './schema';

export { ConfigErrorCode } from '../../shared/config-errors';

/**
 * JSON with object keys sorted, so a file re-indented or re-ordered by an editor still verifies
 * (ten lines; the canonicalisation libraries on npm do RFC 8785 number formatting we do not need).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

function ed25519Public(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new KioskError(ConfigErrorCode.BAD_KEY, 'The configuration public key is not a readable PEM key.');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new KioskError(ConfigErrorCode.BAD_KEY, 'The configuration key must be an Ed25519 key.');
  return key;
}

/** First 16 hex digits of the SHA-256 of the public key (SPKI DER): names the signer. */
export function configKeyId(publicKeyPem: string): string {
  const der = ed25519Public(publicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

function signedBytes(keyId: string, config: unknown): Buffer {
  return Buffer.from(canonicalJson({ format: CONFIG_FILE_FORMAT, keyId, config }), 'utf8');
}

/** Signs a payload with the central API's private key (PEM); returns the file's JSON text. */
export function signConfig(payload: SignedConfigPayloadInput, privateKeyPem: string): string {
  const parsed = SignedConfigPayloadSchema.safeParse(payload);
  if (!parsed.success) {
    throw new KioskError(ConfigErrorCode.INVALID, `The configuration to sign is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(privateKeyPem);
  } catch {
    throw new KioskError(ConfigErrorCode.BAD_KEY, 'The signing key is not a readable PEM private key.');
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new KioskError(ConfigErrorCode.BAD_KEY, 'The signing key must be an Ed25519 key.');
  const keyId = configKeyId(createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString());
  const signature = sign(null, signedBytes(keyId, parsed.data), privateKey).toString('base64');
  const file: SignedConfigFile = { format: CONFIG_FILE_FORMAT, keyId, config: parsed.data, signature };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export interface VerifyOptions {
  /** Ed25519 public keys (PEM) the kiosk trusts. */
  trustedKeys: readonly string[];
  now?: Date;
  /** This kiosk's id, checked against the payload's `kioskId` when it has one. */
  kioskId?: string;
}

/** Verifies the file's text; returns the payload or throws a KioskError with an E_CONFIG_* code. */
export function verifyConfigFile(text: string, options: VerifyOptions): { payload: SignedConfigPayload; keyId: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new KioskError(ConfigErrorCode.INVALID, 'The configuration file is not JSON.');
  }
  if (json && typeof json === 'object' && !('signature' in json)) {
    throw new KioskError(ConfigErrorCode.UNSIGNED, 'The configuration file is not signed. Only a file signed by the central API is accepted.');
  }
  const file = SignedConfigFileSchema.safeParse(json);
  if (!file.success) throw new KioskError(ConfigErrorCode.INVALID, `The configuration file is not in the ${CONFIG_FILE_FORMAT} format.`);
  if (options.trustedKeys.length === 0) {
    throw new KioskError(ConfigErrorCode.NO_TRUSTED_KEY, 'This build trusts no configuration key, so no configuration can be accepted.');
  }
  const signer = options.trustedKeys.find((pem) => configKeyId(pem) === file.data.keyId);
  if (!signer) {
    throw new KioskError(ConfigErrorCode.UNTRUSTED_KEY, `The configuration was signed by a key this kiosk does not trust (key ${file.data.keyId}).`, { keyId: file.data.keyId });
  }
  const ok = verify(null, signedBytes(file.data.keyId, file.data.config), ed25519Public(signer), Buffer.from(file.data.signature, 'base64'));
  if (!ok) throw new KioskError(ConfigErrorCode.BAD_SIGNATURE, 'The configuration file’s signature does not match its contents: it was changed after signing.');
  const payload = SignedConfigPayloadSchema.safeParse(file.data.config);
  if (!payload.success) {
    throw new KioskError(ConfigErrorCode.INVALID, `The signed configuration is not valid for this version: ${payload.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const now = options.now ?? new Date();
  if (Date.parse(payload.data.issuedAt) > now.getTime() + 5 * 60_000) {
    throw new KioskError(ConfigErrorCode.NOT_YET_VALID, 'The configuration is dated in the future: check the kiosk clock.');
  }
  if (payload.data.expiresAt && Date.parse(payload.data.expiresAt) <= now.getTime()) {
    throw new KioskError(ConfigErrorCode.EXPIRED, `The configuration expired on ${payload.data.expiresAt}. Ask IT for a new one.`);
  }
  if (payload.data.kioskId && options.kioskId !== undefined && payload.data.kioskId !== options.kioskId) {
    throw new KioskError(ConfigErrorCode.WRONG_KIOSK, 'The configuration was issued for another kiosk.');
  }
  return { payload: payload.data, keyId: file.data.keyId };
}
