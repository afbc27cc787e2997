/**
 * Builds and seals the PID block exactly as reference §5 says: one 19-char IST
 * ts for Pid@ts and the crypto; AES-256-GCM with IV = last 12 and AAD = last 16
 * bytes of ts, tag appended, ts prepended to Data; Hmac = GCM(SHA-256(PID));
 * Skey = RSA PKCS#1 v1.5 under the test UIDAI certificate; ci = its NotAfter.
 */
import { constants, createCipheriv, createHash, createPublicKey, publicEncrypt, sign, type KeyObject } from 'node:crypto';
import { FINGER_IMAGE, FINGER_POSITION_CODES, IRIS_EYE_LABELS, type FingerPosition, type IrisPosition } from '../../src/devices/rd/pid/synthetic-biometrics';
import type { CaptureRequest } from './capture-options';
import { drawQuality, fingerImpression, irisImpression, presentedPosition, type Impression, type Presentation } from './presentation';
import type { Rng } from './prng';

/** `yyyy-MM-dd'T'HH:mm:ss` in IST (UTC+05:30), 24-hour clock, exactly 19 characters. */
export function istTimestamp(now: Date): string {
  return new Date(now.getTime() + 5.5 * 3_600_000).toISOString().slice(0, 19);
}

/** The same instant as ISO with +05:30 (additional_info ts). */
export function istIso(now: Date): string {
  return `${istTimestamp(now)}+05:30`;
}

/** A structurally valid ISO/IEC 19794-2:2005 FMR with one view holding the given minutiae. */
export function syntheticFmr(position: number, minutiae: Impression['minutiae'], quality: number): Buffer {
  const view = Buffer.alloc(4 + minutiae.length * 6 + 2);
  view[0] = position;
  view[1] = 0; // view 0, impression 0 (live-scan plain)
  view[2] = quality;
  view[3] = minutiae.length;
  minutiae.forEach((m, i) => {
    const o = 4 + i * 6;
    view.writeUInt16BE((m.type << 14) | m.x, o);
    view.writeUInt16BE(m.y, o + 2);
    view[o + 4] = m.angle;
    view[o + 5] = m.quality;
  });
  const header = Buffer.alloc(24);
  header.write('FMR\0', 0, 'latin1');
  header.write(' 20\0', 4, 'latin1');
  header.writeUInt32BE(24 + view.length, 8);
  header.writeUInt16BE(0, 12); // certification flag + device type
  header.writeUInt16BE(FINGER_IMAGE.width, 14);
  header.writeUInt16BE(FINGER_IMAGE.height, 16);
  header.writeUInt16BE(197, 18); // x resolution (px/cm, 500 dpi)
  header.writeUInt16BE(197, 20);
  header[22] = 1; // views
  header[23] = 0;
  return Buffer.concat([header, view]);
}

/**
 * A synthetic iris record shaped like ISO/IEC 19794-6: a 16-byte header (magic,
 * version, length, quality, eye label) and, where a real one holds the image,
 * the 2048-bit iris code UIDAI would extract from it.
 */
export function syntheticIir(irisCode: Buffer, eyeLabel: number, quality: number): Buffer {
  const header = Buffer.alloc(16);
  header.write('IIR\0', 0, 'latin1');
  header.write(' 20\0', 4, 'latin1');
  header.writeUInt32BE(16 + irisCode.length, 8);
  header[12] = quality;
  header[13] = eyeLabel;
  return Buffer.concat([header, irisCode]);
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

const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/**
 * One Bio per requested record, each read from the presented subject's finger
 * or eye (presentation.ts). The record carries the position the kiosk asked
 * for (0 = unknown), as a real device only knows what it was told.
 */
export function buildPidXml(req: CaptureRequest, ts: string, device: DeviceIdentity, rng: Rng, presented: Presentation): BuiltPid {
  if (presented.quality === 'none') throw new Error('nothing presented: the capture times out before a PID is built');
  const bios: string[] = [];
  const nmPoints: number[] = [];
  const qScore: number[] = [];
  const used = new Set<string>();
  const count = req.fCount + req.iCount;
  for (let i = 0; i < count; i++) {
    const posh = req.posh.length === 1 ? req.posh[0]! : req.posh[i]!;
    const finger = i < req.fCount;
    const quality = drawQuality(presented.quality, rng);
    qScore.push(quality);
    let record: Buffer;
    let type: string;
    if (finger) {
      const position = presentedPosition('finger', i, posh, presented, used) as FingerPosition;
      const { minutiae } = fingerImpression(presented.subject, position, quality, rng);
      nmPoints.push(minutiae.length);
      record = syntheticFmr(FINGER_POSITION_CODES[posh as FingerPosition] ?? 0, minutiae, quality);
      type = req.fType === 1 ? 'FIR' : 'FMR';
    } else {
      const position = presentedPosition('iris', i - req.fCount, posh, presented, used) as IrisPosition;
      record = syntheticIir(irisImpression(presented.subject, position, quality, rng), IRIS_EYE_LABELS[posh as IrisPosition] ?? 0, quality);
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
