/**
 * Legacy XML QRs. `PrintLetterBarcodeData` (print letters and PVC cards before
 * about 2018) carries the FULL Aadhaar number and no signature: the number is
 * masked here, on arrival, and never leaves this function. The 2016-18
 * `<QDA/QDB/QPDA/QPDB>` QRs carry a signature whose scheme is unpublished: both
 * are reported "unsigned, not verifiable". No DTD, no entities.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { KioskError } from '../../shared/errors';
import { checkAadhaarOrVid, maskId } from '../../shared/validators/aadhaar';
import { QrErrorCode } from './errors';

export interface LegacyXmlDecode {
  format: 'legacy-xml' | 'signed-xml-qr';
  verified: false;
  trust: 'unsigned-not-verifiable';
  /** "XXXX XXXX 1234"; the full number is never returned. */
  aadhaarMasked: string | null;
  aadhaarLast4: string | null;
  /** Verhoeff and format check of the full number (done before masking). */
  aadhaarValid: boolean | null;
  fields: {
    name: string; gender: string; yob: string; dob: string; careOf: string; house: string; street: string; landmark: string;
    location: string; vtc: string; postOffice: string; district: string; subDistrict: string; state: string; pincode: string;
  };
  warnings: string[];
}

const xmlError = (detail: string) => new KioskError(QrErrorCode.XML, 'This looks like an old XML Aadhaar QR but could not be read safely. Please scan again.', { detail });

/** Broken declarations seen on real scans (`</?xml ...?>`, `encoding="UTF-8?">`): we drop any declaration. */
export function stripDeclaration(text: string): string {
  return text.replace(/^\s*<\/?\?xml[^>]*>\s*/i, '');
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  htmlEntities: false,
  allowBooleanAttributes: false,
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
});

const clean = (v: unknown): string => {
  const s = typeof v === 'string' ? v.trim() : '';
  return s === 'null' ? '' : s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').slice(0, 200);
};

export function decodeLegacyXml(scanned: string): LegacyXmlDecode {
  if (scanned.length > 8192) throw xmlError('too long');
  if (/<!DOCTYPE|<!ENTITY/i.test(scanned)) throw xmlError('DOCTYPE or ENTITY refused');
  const body = stripDeclaration(scanned);
  if (XMLValidator.validate(body) !== true) throw xmlError('not well-formed');
  const doc = parser.parse(body) as Record<string, unknown>;
  const roots = Object.keys(doc);
  if (roots.length !== 1) throw xmlError('expected exactly one element');
  const root = roots[0]!;
  const el = doc[root];
  const a = (el && typeof el === 'object' ? el : {}) as Record<string, unknown>;
  const warnings: string[] = [];
  let aadhaarMasked: string | null = null;
  let aadhaarLast4: string | null = null;
  let aadhaarValid: boolean | null = null;

  if (root === 'PrintLetterBarcodeData') {
    const uid = typeof a.uid === 'string' ? a.uid.replace(/\D/g, '') : '';
    if (uid.length >= 4) {
      aadhaarValid = checkAadhaarOrVid(uid).ok && uid.length === 12;
      aadhaarMasked = maskId(uid);
      aadhaarLast4 = uid.slice(-4);
      if (!aadhaarValid) warnings.push('the Aadhaar number in this QR fails the format or Verhoeff check');
    } else {
      warnings.push('no Aadhaar number in this QR');
    }
    delete a.uid;
    return {
      format: 'legacy-xml', verified: false, trust: 'unsigned-not-verifiable', aadhaarMasked, aadhaarLast4, aadhaarValid,
      fields: {
        name: clean(a.name), gender: clean(a.gender), yob: clean(a.yob), dob: clean(a.dob), careOf: clean(a.co ?? a.gname),
        house: clean(a.house), street: clean(a.street), landmark: clean(a.lm), location: clean(a.loc), vtc: clean(a.vtc),
        postOffice: clean(a.po), district: clean(a.dist), subDistrict: clean(a.subdist), state: clean(a.state), pincode: clean(a.pc),
      },
      warnings,
    };
  }
  if (/^Q(P)?D[AB]$/.test(root)) {
    // `u` is already masked (xxxxxxxx1234); keep only its last 4 digits.
    const u = typeof a.u === 'string' ? a.u.replace(/\D/g, '') : '';
    if (u.length >= 4) {
      aadhaarLast4 = u.slice(-4);
      aadhaarMasked = maskId(`00000000${aadhaarLast4}`);
    }
    warnings.push('signed XML QR of 2016-18: its signature scheme is not published, so it cannot be verified');
    return {
      format: 'signed-xml-qr', verified: false, trust: 'unsigned-not-verifiable', aadhaarMasked, aadhaarLast4, aadhaarValid: null,
      fields: {
        name: clean(a.n), gender: clean(a.g), yob: '', dob: clean(a.d), careOf: '', house: '', street: '', landmark: '', location: clean(a.a),
        vtc: '', postOffice: '', district: '', subDistrict: '', state: '', pincode: '',
      },
      warnings,
    };
  }
  throw xmlError('unknown root element');
}
