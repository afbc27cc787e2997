/**
 * The PID verifier: what UIDAI does with a PidData, for our test "UIDAI" key.
 * Decrypts Skey (RSA PKCS#1 v1.5), Data and Hmac (AES-256-GCM, IV/AAD from ts),
 * compares SHA-256, checks ts skew, wadh, dih and every Bio@bs against mc.
 * Kept free of kiosk state so the central API's UIDAI sandbox can import it.
 * Failures carry the Auth API code UIDAI would answer (reference §5.4, §5.7).
 * The decrypted PID is returned for the sandbox only: never log it.
 */
import { constants, createDecipheriv, createHash, privateDecrypt, verify, X509Certificate } from 'node:crypto';
import { parsePidData } from '../pid-data';
import type { ParsedPidData } from '../types';
import { attr, child, children, parseRdXml, rootElement, text } from '../xml';

export interface VerifyPidInput {
  /** The PidData XML as the RD service returned it, or its parsed form. */
  pidData: string | ParsedPidData;
  /** PEM of the private key matching the "UIDAI" encryption certificate. */
  privateKeyPem: string;
  now?: Date;
  /** Allowed |now - ts|; UIDAI answers 561 (old) / 562 (future). Default 10 minutes. */
  maxSkewMs?: number;
  /** When given, Pid@wadh must equal it (552). */
  expectedWadh?: string;
  /** When given, Skey@ci must equal it (501). */
  expectedCi?: string;
}

export interface PidCheckFailure {
  /** UIDAI Auth API error code this failure corresponds to. */
  authCode: string;
  message: string;
}

export interface VerifiedBio {
  type: string;
  posh: string;
  recordBytes: number;
  signatureOk: boolean;
}

export interface VerifyPidResult {
  ok: boolean;
  failures: PidCheckFailure[];
  ts?: string;
  skewMs?: number;
  bios: VerifiedBio[];
  /** The decrypted PID XML (identity data: never log or store it). */
  pidXml?: string;
}

const IST_OFFSET = '+05:30';

/** RSA PKCS#1 v1.5 decryption. Node 22 refuses RSA_PKCS1_PADDING in privateDecrypt (Marvin hardening), so unpad by hand. */
export function rsaPkcs1Decrypt(privateKeyPem: string, ciphertext: Buffer): Buffer {
  const em = privateDecrypt({ key: privateKeyPem, padding: constants.RSA_NO_PADDING }, ciphertext);
  if (em[0] !== 0x00 || em[1] !== 0x02) throw new Error('bad PKCS#1 v1.5 block');
  const sep = em.indexOf(0x00, 2);
  if (sep < 10) throw new Error('bad PKCS#1 v1.5 padding');
  return em.subarray(sep + 1);
}

function gcmOpen(key: Buffer, ts: string, sealed: Buffer): Buffer {
  const t = Buffer.from(ts, 'utf8');
  if (sealed.length < 16) throw new Error('too short');
  const d = createDecipheriv('aes-256-gcm', key, t.subarray(t.length - 12), { authTagLength: 16 });
  d.setAAD(t.subarray(t.length - 16));
  d.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([d.update(sealed.subarray(0, sealed.length - 16)), d.final()]);
}

export function verifyPidBlock(input: VerifyPidInput): VerifyPidResult {
  const failures: PidCheckFailure[] = [];
  const fail = (authCode: string, message: string) => void failures.push({ authCode, message });
  const bios: VerifiedBio[] = [];
  const done = (extra: Partial<VerifyPidResult> = {}): VerifyPidResult => ({ ok: failures.length === 0, failures, bios, ...extra });

  let parsed: ParsedPidData;
  try {
    parsed = typeof input.pidData === 'string' ? parsePidData(input.pidData) : input.pidData;
  } catch {
    fail('511', 'PidData is not well-formed');
    return done();
  }
  if (!parsed.success) {
    fail('810', `capture failed with RD errCode ${parsed.resp.errCode}`);
    return done();
  }
  const { skey, hmac, data, deviceInfo } = parsed;
  if (!skey?.value || !hmac || !data?.value) {
    fail('500', 'Skey, Hmac or Data missing');
    return done();
  }
  if (data.type !== 'X') fail('511', `Data type ${data.type || '(none)'} is not X`);
  if (input.expectedCi !== undefined && skey.ci !== input.expectedCi) fail('501', 'Skey ci does not match the encryption certificate');

  let key: Buffer;
  try {
    key = rsaPkcs1Decrypt(input.privateKeyPem, Buffer.from(skey.value, 'base64'));
    if (key.length !== 32) throw new Error('not an AES-256 key');
  } catch {
    fail('500', 'Skey could not be decrypted');
    return done();
  }
  const dataBytes = Buffer.from(data.value, 'base64');
  const ts = dataBytes.subarray(0, 19).toString('latin1');
  if (dataBytes.length < 19 + 16 || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(ts)) {
    fail('502', 'Data does not start with a 19-character ts');
    return done();
  }
  let pid: Buffer;
  try {
    pid = gcmOpen(key, ts, dataBytes.subarray(19));
  } catch {
    fail('502', 'PID could not be decrypted');
    return done({ ts });
  }
  let digest: Buffer | undefined;
  try {
    digest = gcmOpen(key, ts, Buffer.from(hmac, 'base64'));
  } catch {
    fail('503', 'Hmac could not be decrypted');
  }
  if (digest && !digest.equals(createHash('sha256').update(pid).digest())) fail('564', 'Hmac does not match the PID');

  const tsMs = Date.parse(`${ts}${IST_OFFSET}`);
  const now = (input.now ?? new Date()).getTime();
  const skewMs = now - tsMs;
  const maxSkew = input.maxSkewMs ?? 10 * 60_000;
  if (!Number.isFinite(tsMs)) fail('561', 'ts is not a valid time');
  else if (skewMs > maxSkew) fail('561', 'ts is older than allowed');
  else if (-skewMs > maxSkew) fail('562', 'ts is in the future');

  const pidXml = pid.toString('utf8');
  let pidRoot;
  try {
    pidRoot = rootElement(parseRdXml(pidXml, 'PID'), 'Pid');
  } catch {
    pidRoot = undefined;
  }
  if (!pidRoot) {
    fail('511', 'decrypted PID is not a Pid document');
    return done({ ts, skewMs });
  }
  if (attr(pidRoot, 'ts') !== ts) fail('502', 'Pid ts differs from the ts that keyed the encryption');
  if (attr(pidRoot, 'ver') !== '2.0') fail('541', 'Pid ver is not 2.0');
  if (input.expectedWadh !== undefined && attr(pidRoot, 'wadh') !== input.expectedWadh) fail('552', 'wadh does not match');

  const di = deviceInfo;
  const biosNode = child(pidRoot, 'Bios');
  if (!di?.dc || !di.mc) fail('521', 'DeviceInfo lacks dc or mc');
  let devicePublicKey: X509Certificate['publicKey'] | undefined;
  if (di?.mc) {
    try {
      const cert = new X509Certificate(Buffer.from(di.mc, 'base64'));
      devicePublicKey = cert.publicKey;
      if (new Date(cert.validTo).getTime() < now) fail('559', 'device certificate (mc) has expired');
    } catch {
      fail('527', 'mc is not a certificate');
    }
  }
  if (di && biosNode) {
    const idHash = createHash('sha256').update(di.dc).digest('hex').toUpperCase();
    const dih = createHash('sha256').update(di.dpId + di.rdsId + di.rdsVer + di.dc + di.mi + idHash).digest('base64');
    if (attr(biosNode, 'dih') !== dih) fail('558', 'dih does not match DeviceInfo');
  }
  const bioNodes = children(biosNode, 'Bio');
  if (bioNodes.length === 0) fail('810', 'no biometric records');
  for (const b of bioNodes) {
    const record = Buffer.from(text(b).replace(/\s+/g, ''), 'base64');
    let signatureOk = false;
    if (devicePublicKey && di) {
      const message = Buffer.concat([createHash('sha256').update(record).digest(), Buffer.from(ts, 'utf8'), Buffer.from(di.dc, 'utf8')]);
      try {
        signatureOk = verify('sha256', message, devicePublicKey, Buffer.from(attr(b, 'bs'), 'base64'));
      } catch {
        signatureOk = false;
      }
    }
    if (!signatureOk) fail('822', `bs of a ${attr(b, 'type') || '?'} record does not verify against mc`);
    bios.push({ type: attr(b, 'type'), posh: attr(b, 'posh'), recordBytes: record.length, signatureOk });
  }
  return done({ ts, skewMs, pidXml });
}
