/**
 * The eKYC answer in the shape UIDAI's e-KYC API 2.5 gives it: a KycRes
 * document whose UidData holds Poi (name, dob DD-MM-YYYY, gender, phone/email
 * hashes), Poa (co, house, street, lm, loc, vtc, subdist, dist, state, country,
 * pc, po) and Pht (base64 JPEG). The sandbox writes it; `parseKycRes` reads it
 * back into the neutral AadhaarEkyc, as an adapter for a real KUA would.
 * (The real one is also signed and encrypted for the KUA; the sandbox skips that.)
 */
import { createHash } from 'node:crypto';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { maskId } from '../../../../src/shared/validators/aadhaar';
import type { AadhaarEkyc } from '../types';
import type { TestResident } from './residents';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', suppressEmptyNode: true });
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseAttributeValue: false, parseTagValue: false, processEntities: true });

const ddmmyyyy = (iso: string) => (/^\d{4}$/.test(iso) ? iso : iso.split('-').reverse().join('-'));
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function buildKycRes(r: TestResident, idNumber: string, txn: string, now: Date): string {
  const a = r.address;
  const poa = { '@co': a.careOf, '@house': a.house, '@street': a.street, '@lm': a.landmark, '@loc': a.locality, '@vtc': a.vtc, '@subdist': a.subDistrict, '@dist': a.district, '@state': a.state, '@country': a.country, '@pc': a.pincode, '@po': a.postOffice };
  const doc = {
    KycRes: {
      '@ret': 'Y', '@code': createHash('sha256').update(txn).digest('hex').slice(0, 32), '@txn': txn, '@ts': now.toISOString(), '@ttl': new Date(now.getTime() + 86_400_000).toISOString(),
      UidData: {
        // UIDAI returns the masked number ("xxxxxxxx1234"), never the full one, to a KUA without the full-number licence.
        '@uid': `xxxxxxxx${idNumber.slice(-4)}`,
        Poi: { '@name': r.name, '@dob': ddmmyyyy(r.dob), '@gender': r.gender, ...(r.mobileLast4 ? { '@phone': sha256(`mobile-${r.aadhaar}`) } : {}) },
        Poa: Object.fromEntries(Object.entries(poa).filter(([, v]) => v !== undefined)),
        Pht: r.photoJpegBase64,
      },
    },
  };
  return builder.build(doc) as string;
}

export function parseKycRes(xml: string, provider: string): AadhaarEkyc {
  const doc = parser.parse(xml) as { KycRes?: Record<string, unknown> };
  const res = doc.KycRes;
  if (!res || res['@ret'] !== 'Y') throw new Error('KycRes is not a successful eKYC answer');
  const uid = res.UidData as Record<string, unknown> | undefined;
  const poi = (uid?.Poi ?? {}) as Record<string, string>;
  const poa = (uid?.Poa ?? {}) as Record<string, string>;
  const dobRaw = poi['@dob'] ?? '';
  const dob = /^\d{2}-\d{2}-\d{4}$/.test(dobRaw) ? dobRaw.split('-').reverse().join('-') : dobRaw;
  const last4 = String(uid?.['@uid'] ?? '').slice(-4);
  const address = {
    ...(poa['@co'] ? { careOf: poa['@co'] } : {}), ...(poa['@house'] ? { house: poa['@house'] } : {}), ...(poa['@street'] ? { street: poa['@street'] } : {}),
    ...(poa['@lm'] ? { landmark: poa['@lm'] } : {}), ...(poa['@loc'] ? { locality: poa['@loc'] } : {}), ...(poa['@vtc'] ? { vtc: poa['@vtc'] } : {}),
    ...(poa['@subdist'] ? { subDistrict: poa['@subdist'] } : {}), ...(poa['@dist'] ? { district: poa['@dist'] } : {}), ...(poa['@state'] ? { state: poa['@state'] } : {}),
    ...(poa['@country'] ? { country: poa['@country'] } : {}), ...(poa['@pc'] ? { pincode: poa['@pc'] } : {}), ...(poa['@po'] ? { postOffice: poa['@po'] } : {}),
  };
  const pht = typeof uid?.Pht === 'string' ? uid.Pht.replace(/\s+/g, '') : '';
  return {
    maskedAadhaar: maskId(`00000000${last4}`),
    name: poi['@name'] ?? '',
    dob,
    gender: (poi['@gender'] ?? '') as 'M' | 'F' | 'T',
    address,
    ...(pht ? { photo: { mime: 'image/jpeg' as const, base64: pht } } : {}),
    ...(poi['@phone'] ? { mobileHash: poi['@phone'] } : {}),
    providerTxn: String(res['@txn'] ?? ''),
    provider,
  };
}
