/**
 * Paperless Offline e-KYC: the ZIP opened in memory with the share code, the
 * XMLDSig verified against pinned UIDAI certificates (never the KeyInfo one),
 * data read only from the signed reference, freshness checked. Nothing is
 * written to disk; the share code is used for this call only and never stored,
 * logged or returned.
 */
import { Uint8ArrayReader, Writer, ZipReader, configure, type Entry, type FileEntry } from '@zip.js/zip.js';
import { DOMParser } from '@xmldom/xmldom';
import { XMLParser } from 'fast-xml-parser';
import { createHash } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { KioskError } from '../../../shared/errors';
import { EkycErrorCode } from '../errors';
import { iteratedSha256Hex, normaliseMobile, type ContactCheck } from '../secure-qr/contact';
import { parseReferenceId } from '../secure-qr/layout';
import { signerInfo, type PinnedCert, type SignerInfo, type TrustStore } from '../trust-store';

configure({ useWebWorkers: false });

export const MAX_ZIP_BYTES = 4 * 1024 * 1024;
export const MAX_XML_BYTES = 2 * 1024 * 1024;
export const DEFAULT_MAX_AGE_DAYS = 3;

const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const ALLOWED_SIGNATURE = new Set([`${DSIG}rsa-sha1`, 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256']);
const ALLOWED_TRANSFORMS = new Set([
  `${DSIG}enveloped-signature`,
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  'http://www.w3.org/2001/10/xml-exc-c14n#',
]);

export interface EkycOpenOptions {
  trust: TrustStore;
  /** Discarded after this call. */
  shareCode: string;
  mobile?: string;
  email?: string;
  maxAgeDays?: number;
  now?: Date;
}

export interface EkycDecode {
  format: 'offline-ekyc-xml';
  verified: true;
  signer: SignerInfo & { validAtTimestamp: boolean };
  signatureAlgorithm: string;
  reference: { last4: string; timestamp: string; id: string };
  ageHours: number;
  fields: {
    name: string; dob: string; gender: string; careOf: string; country: string; district: string; house: string; landmark: string;
    location: string; pincode: string; postOffice: string; state: string; street: string; subDistrict: string; vtc: string;
  };
  emailRegistered: boolean;
  mobileRegistered: boolean;
  contact: { mobile: ContactCheck; email: ContactCheck & { scheme?: 'plain-sha256' | 'iterated-with-share-code' } };
  /** The photo as a data URL the review screen can show (JPEG in real files). */
  photo: { mime: string; dataUrl: string; bytes: number } | null;
}

const err = (code: string, message: string, detail?: string) => new KioskError(code, message, detail ? { detail } : undefined);

/** A zip.js writer that refuses to grow past a cap (the header's size is not trusted). */
class CappedWriter extends Writer<Uint8Array> {
  private chunks: Uint8Array[] = [];
  private total = 0;
  constructor(private readonly cap: number) {
    super();
  }
  override async writeUint8Array(array: Uint8Array): Promise<void> {
    this.total += array.length;
    if (this.total > this.cap) throw err(EkycErrorCode.TOO_LARGE, 'The e-KYC file is larger than any UIDAI offline e-KYC file.');
    this.chunks.push(array.slice());
  }
  override async getData(): Promise<Uint8Array> {
    const out = new Uint8Array(this.total);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    this.chunks = [];
    return out;
  }
}

async function unzipXml(zip: Uint8Array, shareCode: string): Promise<string> {
  if (zip.length > MAX_ZIP_BYTES) throw err(EkycErrorCode.TOO_LARGE, 'The e-KYC ZIP is too large.');
  if (!(zip[0] === 0x50 && zip[1] === 0x4b)) throw err(EkycErrorCode.ZIP, 'This is not the ZIP file UIDAI issues for offline e-KYC.', 'not a zip');
  const reader = new ZipReader(new Uint8ArrayReader(zip), { checkSignature: true });
  let entries: Entry[];
  try {
    entries = await reader.getEntries();
  } catch {
    throw err(EkycErrorCode.ZIP, 'The e-KYC ZIP file is damaged.', 'unreadable');
  }
  try {
    const files = entries.filter((e): e is FileEntry => !e.directory);
    if (files.length !== 1 || !/^offlineaadhaar\d*\.xml$/i.test(files[0]!.filename)) {
      throw err(EkycErrorCode.ZIP, 'The ZIP does not hold exactly one offlineaadhaar...xml file.', 'unexpected entries');
    }
    const entry = files[0]!;
    if (entry.uncompressedSize > MAX_XML_BYTES) throw err(EkycErrorCode.TOO_LARGE, 'The e-KYC file is larger than any UIDAI offline e-KYC file.');
    let bytes: Uint8Array;
    try {
      bytes = await entry.getData(new CappedWriter(MAX_XML_BYTES), { password: entry.encrypted ? shareCode : undefined, checkSignature: true });
    } catch (e) {
      if (e instanceof KioskError) throw e;
      const msg = e instanceof Error ? e.message : '';
      if (/password/i.test(msg)) throw err(EkycErrorCode.SHARE_CODE, 'The share code does not open this file. Ask the customer for the share code they set.');
      throw err(EkycErrorCode.ZIP, 'The e-KYC ZIP file is damaged.', 'entry unreadable');
    }
    return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  } finally {
    await reader.close();
  }
}

function parseDom(xml: string) {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw err(EkycErrorCode.XML, 'The e-KYC XML contains a DOCTYPE, which UIDAI files never do.', 'doctype');
  try {
    return new DOMParser({ onError: (level: string) => { if (level !== 'warning') throw new Error('xml'); } }).parseFromString(xml, 'text/xml');
  } catch {
    throw err(EkycErrorCode.XML, 'The e-KYC XML is malformed.', 'not well-formed');
  }
}

/** One enveloped signature over the whole document, allowed algorithms only, checked with pinned keys. */
function verifyXmlSignature(xml: string, trust: TrustStore): { cert: PinnedCert; signedXml: string; algorithm: string } {
  const doc = parseDom(xml);
  const sigs = doc.getElementsByTagNameNS(DSIG, 'Signature');
  if (sigs.length !== 1) throw err(EkycErrorCode.SIGNATURE, 'The e-KYC file is not signed the way UIDAI signs it.', `signatures: ${sigs.length}`);
  const sigNode = sigs[0]!;
  if (sigNode.parentNode !== doc.documentElement) throw err(EkycErrorCode.SIGNATURE, 'The e-KYC file is not signed the way UIDAI signs it.', 'signature not enveloped in the root');
  for (const cert of trust.list()) {
    const sig = new SignedXml({ publicCert: cert.pem, getCertFromKeyInfo: () => null });
    sig.loadSignature(sigNode as unknown as Node);
    const algorithm = sig.signatureAlgorithm ?? '';
    const refs = sig.getReferences();
    const ref = refs.length === 1 ? refs[0]! : null;
    const shapeOk = ref !== null && (ref.isEmptyUri || ref.uri === '')
      && ref.transforms.every((t) => ALLOWED_TRANSFORMS.has(t)) && ref.transforms.includes(`${DSIG}enveloped-signature`);
    if (!ALLOWED_SIGNATURE.has(algorithm) || !shapeOk) {
      throw err(EkycErrorCode.SIGNATURE, 'The e-KYC file is not signed the way UIDAI signs it.', 'algorithm or reference not allowed');
    }
    let ok: boolean;
    try {
      ok = sig.checkSignature(xml);
    } catch {
      ok = false;
    }
    if (ok) {
      const signed = sig.getSignedReferences();
      if (signed.length !== 1) break;
      return { cert, signedXml: signed[0]!, algorithm: algorithm.split('#')[1] ?? algorithm };
    }
  }
  throw err(EkycErrorCode.SIGNATURE, 'The e-KYC file does not match any UIDAI certificate held by this kiosk: it may have been altered.');
}

const attrParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', processEntities: true, htmlEntities: false, parseAttributeValue: false, parseTagValue: false });

function photoMime(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return 'image/png';
  return null;
}

export async function openOfflineEkyc(zip: Uint8Array, options: EkycOpenOptions): Promise<EkycDecode> {
  // The share code lives only in this call's scope: never stored, logged or returned.
  const shareCode = options.shareCode;
  const xml = await unzipXml(zip, shareCode);
  const { cert, signedXml, algorithm } = verifyXmlSignature(xml, options.trust);
  // Read only what the signature covers.
  const doc = attrParser.parse(signedXml) as { OfflinePaperlessKyc?: { referenceId?: string; UidData?: { Poi?: Record<string, string>; Poa?: Record<string, string>; Pht?: string } } };
  const root = doc.OfflinePaperlessKyc;
  if (!root?.UidData?.Poi || !root.UidData.Poa) throw err(EkycErrorCode.XML, 'The e-KYC XML lacks its identity elements.', 'missing Poi/Poa');
  let ref;
  try {
    ref = parseReferenceId(String(root.referenceId ?? ''));
  } catch {
    throw err(EkycErrorCode.XML, 'The e-KYC XML has no valid reference id.', 'reference id');
  }
  const now = (options.now ?? new Date()).getTime();
  const ageHours = (now - ref.timestamp.getTime()) / 3_600_000;
  const maxAgeDays = options.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS;
  if (ageHours > maxAgeDays * 24 || ageHours < -1) {
    throw new KioskError(EkycErrorCode.STALE, `This e-KYC file was made ${Math.floor(ageHours / 24)} days ago; files older than ${maxAgeDays} days are not accepted. Ask the customer to download a new one.`, { ageHours: Math.round(ageHours), maxAgeDays });
  }
  const poi = root.UidData.Poi;
  const poa = root.UidData.Poa;
  const s = (v: unknown) => (typeof v === 'string' ? v.slice(0, 200) : '');
  const photoB64 = typeof root.UidData.Pht === 'string' ? root.UidData.Pht.replace(/\s+/g, '') : '';
  const photoBytes = photoB64 ? Buffer.from(photoB64, 'base64') : Buffer.alloc(0);
  const mime = photoMime(photoBytes);
  const m = s(poi.m).toLowerCase();
  const e = s(poi.e).toLowerCase();
  const mobile: ContactCheck = !options.mobile?.trim() ? { status: 'not-checked', method: null }
    : !m ? { status: 'not-registered', method: null }
      : { status: iteratedSha256Hex(normaliseMobile(options.mobile) + shareCode, ref.lastDigit) === m ? 'confirmed' : 'not-confirmed', method: 'hash' };
  let email: EkycDecode['contact']['email'] = { status: 'not-checked', method: null };
  if (options.email?.trim()) {
    const typed = options.email.trim();
    if (!e) email = { status: 'not-registered', method: null };
    else if (createHash('sha256').update(typed).digest('hex') === e) email = { status: 'confirmed', method: 'hash', scheme: 'plain-sha256' };
    else if (iteratedSha256Hex(typed + shareCode, ref.lastDigit) === e) email = { status: 'confirmed', method: 'hash', scheme: 'iterated-with-share-code' };
    else email = { status: 'not-confirmed', method: 'hash' };
  }
  const ts = ref.timestamp.getTime();
  return {
    format: 'offline-ekyc-xml',
    verified: true,
    signer: { ...signerInfo(cert), validAtTimestamp: ts >= cert.validFrom.getTime() && ts <= cert.validTo.getTime() },
    signatureAlgorithm: algorithm,
    reference: { last4: ref.last4, timestamp: ref.timestamp.toISOString(), id: ref.raw },
    ageHours: Math.round(ageHours * 10) / 10,
    fields: {
      name: s(poi.name), dob: s(poi.dob), gender: s(poi.gender), careOf: s(poa.careof), country: s(poa.country), district: s(poa.dist),
      house: s(poa.house), landmark: s(poa.landmark), location: s(poa.loc), pincode: s(poa.pc), postOffice: s(poa.po), state: s(poa.state),
      street: s(poa.street), subDistrict: s(poa.subdist), vtc: s(poa.vtc),
    },
    emailRegistered: e !== '',
    mobileRegistered: m !== '',
    contact: { mobile, email },
    photo: mime ? { mime, dataUrl: `data:${mime};base64,${photoBytes.toString('base64')}`, bytes: photoBytes.length } : null,
  };
}
