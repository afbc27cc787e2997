/**
 * Builds and seals the PID block exactly as reference §5 says: one 19-char IST
 * ts for Pid@ts and the crypto; AES-256-GCM with IV = last 12 and AAD = last 16
 * bytes of ts, tag appended, ts prepended to Data; Hmac = GCM(SHA-256(PID));
 * Skey = RSA PKCS#1 v1.5 under the test UIDAI certificate; ci = its NotAfter.
 */
import { constants, createCipheriv, createHash, createPublicKey, publicEncrypt, sign, type KeyObject } from 'node:crypto';
import type { CaptureRequest } from './capture-options';
import type { Rng } from './prng';

/** `yyyy-MM-dd'T'HH:mm:ss` in IST (UTC+05:30), 24-hour clock, exactly 19 characters. */
export function istTimestamp(now: Date): string {
  return new Date(now.getTime() + 5.5 * 3_600_000).toISOString().slice(0, 19);
}

/** The same instant as ISO with +05:30 (additional_info ts). */
export function istIso(now: Date): string {
  return `${istTimestamp(now)}+05:30`;
}

/** A synthetic but structurally valid ISO/IEC 19794-2:2005 FMR with one view. */
export function syntheticFmr(rng: Rng, position: number, minutiae: number, quality: number): Buffer {
  const view = Buffer.alloc(4 + minutiae * 6 + 2);
  view[0] = position;
  view[1] = 0; // view 0, impression 0 (live-scan plain)
  view[2] = quality;
  view[3] = minutiae;
  for (let i = 0; i < minutiae; i++) {
    const o = 4 + i * 6;
    const type = rng.int(1, 2);
    view.writeUInt16BE((type << 14) | rng.int(10, 490), o);
    view.writeUInt16BE(rng.int(10, 540), o + 2);
    view[o + 4] = rng.int(0, 255);
    view[o + 5] = rng.int(40, 100);
  }
  const header = Buffer.alloc(24);
  header.write('FMR\0', 0, 'latin1');
  header.write(' 20\0', 4, 'latin1');
  header.writeUInt32BE(24 + view.length, 8);
  header.writeUInt16BE(0, 12); // certification flag + device type
  header.writeUInt16BE(500, 14); // width
  header.writeUInt16BE(550, 16); // height
  header.writeUInt16BE(197, 18); // x resolution (px/cm, 500 dpi)
  header.writeUInt16BE(197, 20);
  header[22] = 1; // views
  header[23] = 0;
  return Buffer.concat([header, view]);
}

/** A synthetic iris record shaped like ISO/IEC 19794-6 (header + opaque image bytes). */
export function syntheticIir(rng: Rng, quality: number): Buffer {
  const image = rng.bytes(256);
  const header = Buffer.alloc(16);
  header.write('IIR\0', 0, 'latin1');
  header.write(' 20\0', 4, 'latin1');
  header.writeUInt32BE(16 + image.length, 8);
  header[12] = quality;
  return Buffer.concat([header, image]);
}

export interface DeviceIdentity {
  dpId: string;
  rdsId: string;
  rdsVer: string;
  dc: string;
  mi: string;
  key: KeyObject;
}

/** dih = base64 SHA-256(dpId+rdsId+rdsVer+dc+mi+idHash), idHash = upper hex SHA-256(dc) as BioEnable does (§5.2). */
export function deviceInfoHash(d: Omit<DeviceIdentity, 'key'>): string {
  const idHash = createHash('sha256').update(d.dc).digest('hex').toUpperCase();
  return createHash('sha256').update(d.dpId + d.rdsId + d.rdsVer + d.dc + d.mi + idHash).digest('base64');
}

/** bs = base64 SHA256withRSA over SHA-256(record) || ts || dc (§5.2). */
export function biometricSignature(record: Buffer, ts: string, dc: string, key: KeyObject): string {
  const bh = createHash('sha256').update(record).digest();
  return sign('sha256', Buffer.concat([bh, Buffer.from(ts, 'utf8'), Buffer.from(dc, 'utf8')]), key).toString('base64');
}

export interface BuiltPid {
  xml: string;
  nmPoints: number[];
  qScore: number[];
}

const FINGER_POSITIONS: Record<string, number> = {
  UNKNOWN: 0, RIGHT_THUMB: 1, RIGHT_INDEX: 2, RIGHT_MIDDLE: 3, RIGHT_RING: 4, RIGHT_LITTLE: 5,
  LEFT_THUMB: 6, LEFT_INDEX: 7, LEFT_MIDDLE: 8, LEFT_RING: 9, LEFT_LITTLE: 10,
};

const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

export function buildPidXml(req: CaptureRequest, ts: string, device: DeviceIdentity, rng: Rng): BuiltPid {
  const bios: string[] = [];
  const nmPoints: number[] = [];
  const qScore: number[] = [];
  const count = req.fCount + req.iCount;
  for (let i = 0; i < count; i++) {
    const posh = req.posh.length === 1 ? req.posh[0]! : req.posh[i]!;
    const finger = i < req.fCount;
    const quality = rng.int(55, 95);
    qScore.push(quality);
    let record: Buffer;
    let type: string;
    if (finger) {
      const minutiae = rng.int(25, 60);
      nmPoints.push(minutiae);
      record = syntheticFmr(rng, FINGER_POSITIONS[posh] ?? 0, minutiae, quality);
      type = req.fType === 1 ? 'FIR' : 'FMR';
    } else {
      record = syntheticIir(rng, quality);
      type = 'IIR';
    }
    bios.push(`<Bio type="${type}" posh="${esc(posh)}" bs="${biometricSignature(record, ts, device.dc, device.key)}">${record.toString('base64')}</Bio>`);
  }
  const pv = req.otp ? `<Pv otp="${esc(req.otp)}"/>` : '';
  const xml = `<Pid ts="${ts}" ver="2.0" wadh="${esc(req.wadh)}"><Bios dih="${deviceInfoHash(device)}">${bios.join('')}</Bios>${pv}</Pid>`;
  return { xml, nmPoints, qScore };
}

function gcm(key: Buffer, ts: string, plain: Buffer): Buffer {
  const t = Buffer.from(ts, 'utf8');
  if (t.length !== 19) throw new Error('ts must be 19 bytes');
  const cipher = createCipheriv('aes-256-gcm', key, t.subarray(t.length - 12), { authTagLength: 16 });
  cipher.setAAD(t.subarray(t.length - 16));
  return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

export interface SealedPid {
  skey: string;
  ci: string;
  hmac: string;
  data: string;
}

/**
 * RSA PKCS#1 v1.5 type-2 padding done by hand so a seeded simulator is byte-for-byte
 * deterministic (publicEncrypt draws its own random padding); without a seed, Node pads.
 */
function rsaPkcs1Encrypt(certPem: string, message: Buffer, rng?: Rng): Buffer {
  if (!rng) return publicEncrypt({ key: certPem, padding: constants.RSA_PKCS1_PADDING }, message);
  const k = (createPublicKey(certPem).asymmetricKeyDetails?.modulusLength ?? 2048) / 8;
  const ps = Buffer.alloc(k - 3 - message.length);
  for (let i = 0; i < ps.length; i++) {
    let b = 0;
    while (b === 0) b = rng.bytes(1)[0]!;
    ps[i] = b;
  }
  return publicEncrypt({ key: certPem, padding: constants.RSA_NO_PADDING }, Buffer.concat([Buffer.from([0, 2]), ps, Buffer.from([0]), message]));
}

export function sealPid(pidXml: string, ts: string, sessionKey: Buffer, uidaiCertPem: string, ci: string, rng?: Rng): SealedPid {
  const pid = Buffer.from(pidXml, 'utf8');
  return {
    data: Buffer.concat([Buffer.from(ts, 'utf8'), gcm(sessionKey, ts, pid)]).toString('base64'),
    hmac: gcm(sessionKey, ts, createHash('sha256').update(pid).digest()).toString('base64'),
    skey: rsaPkcs1Encrypt(uidaiCertPem, sessionKey, rng).toString('base64'),
    ci,
  };
}
