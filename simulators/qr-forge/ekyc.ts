/**
 * A Paperless Offline e-KYC test package: the OfflinePaperlessKyc XML (UIDAI's
 * element and attribute names, reference 4.2), signed with XMLDSig (enveloped,
 * inclusive C14N, RSA-SHA256 by default) with the forge's test key, inside a ZIP
 * protected by the share code (AES by default; ZipCrypto on request).
 */
import { createHash } from 'node:crypto';
import { TextReader, Uint8ArrayWriter, ZipWriter, configure } from '@zip.js/zip.js';
import { encode as encodePng } from 'fast-png';
import { SignedXml } from 'xml-crypto';
import { iteratedSha256Hex, normaliseMobile } from '../../src/devices/qr/secure-qr/contact';
import { testCertPem, testKeyPem, wrongKeyPem } from './keys';
import { DEMO_PERSON, istTimestamp, type ForgePerson } from './secure-qr';

configure({ useWebWorkers: false });

export interface EkycForgeOptions {
  shareCode: string;
  person?: Partial<ForgePerson>;
  last4?: string;
  timestamp?: Date;
  mobile?: string;
  email?: string;
  signatureAlgorithm?: 'rsa-sha256' | 'rsa-sha1';
  zipCrypto?: boolean;
  tamper?: 'flip' | 'wrong-key' | 'unsigned' | 'two-signatures';
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** A 60x60 synthetic portrait-coloured PNG (the real file carries a JPEG; the reader accepts both). */
function syntheticPhoto(): Uint8Array {
  const data = new Uint8Array(60 * 60 * 3);
  for (let i = 0; i < 3600; i++) data.set([180 + (i % 60) / 2, 140 + Math.floor(i / 60) / 2, 120], i * 3);
  return encodePng({ width: 60, height: 60, data, channels: 3, depth: 8 });
}

export function forgeEkycXml(options: EkycForgeOptions): string {
  const p = { ...DEMO_PERSON, ...options.person };
  const last4 = options.last4 ?? '4321';
  const digit = Number(last4[3]);
  const m = options.mobile ? iteratedSha256Hex(normaliseMobile(options.mobile) + options.shareCode, digit) : '';
  const e = options.email ? createHash('sha256').update(options.email).digest('hex') : '';
  const photo = Buffer.from(syntheticPhoto()).toString('base64');
  const xml = `<?xml version="1.0" encoding="UTF-8"?><OfflinePaperlessKyc referenceId="${last4}${istTimestamp(options.timestamp ?? new Date())}">`
    + `<UidData><Poi dob="${esc(p.dob)}" e="${e}" gender="${esc(p.gender)}" m="${m}" name="${esc(p.name)}"/>`
    + `<Poa careof="${esc(p.careOf)}" country="India" dist="${esc(p.district)}" house="${esc(p.house)}" landmark="${esc(p.landmark)}" loc="${esc(p.location)}" pc="${p.pincode}" po="${esc(p.postOffice)}" state="${esc(p.state)}" street="${esc(p.street)}" subdist="${esc(p.subDistrict)}" vtc="${esc(p.vtc)}"/>`
    + `<Pht>${photo}</Pht></UidData></OfflinePaperlessKyc>`;
  if (options.tamper === 'unsigned') return xml;
  const sig = new SignedXml({
    privateKey: options.tamper === 'wrong-key' ? wrongKeyPem() : testKeyPem(),
    publicCert: testCertPem(),
    signatureAlgorithm: `http://www.w3.org/${options.signatureAlgorithm === 'rsa-sha1' ? '2000/09/xmldsig#rsa-sha1' : '2001/04/xmldsig-more#rsa-sha256'}`,
    canonicalizationAlgorithm: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  });
  sig.addReference({
    xpath: '/*',
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315'],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    uri: '',
    isEmptyUri: true,
  });
  sig.computeSignature(xml, { location: { reference: '/*', action: 'append' } });
  let signed = sig.getSignedXml();
  if (options.tamper === 'flip') signed = signed.replace(`name="${esc(p.name)}"`, `name="${esc(p.name)}X"`);
  if (options.tamper === 'two-signatures') signed = signed.replace('</OfflinePaperlessKyc>', `${sig.getSignatureXml()}</OfflinePaperlessKyc>`);
  return signed;
}

/** The ZIP a resident downloads: one offlineaadhaar<timestamp>.xml, protected by the share code. */
export async function forgeEkycZip(options: EkycForgeOptions): Promise<Uint8Array> {
  const xml = forgeEkycXml(options);
  const writer = new ZipWriter(new Uint8ArrayWriter(), { password: options.shareCode, zipCrypto: options.zipCrypto ?? false });
  await writer.add(`offlineaadhaar${istTimestamp(options.timestamp ?? new Date())}.xml`, new TextReader(xml));
  return writer.close();
}
