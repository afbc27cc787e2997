/** Every Secure QR fixture decodes to its expected.json; signatures verify only with the right certificate. */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../fixtures';
import { bundledCertDir, loadTrustStore, TrustStore } from '../trust-store';
import { decodeSecureQrWithBytes, requireVerified } from './decode';

interface Expected {
  source_file: string;
  decimal_digits: number;
  compressed_bytes: number;
  compression_wrapper: 'gzip' | 'zlib';
  decompressed_bytes: number;
  signed_bytes: number;
  has_version_prefix: boolean;
  fields_latin1: Record<string, string>;
  photo: { start_offset: number; end_offset_exclusive: number; length: number; sha256: string };
  contact_hashes_after_photo: { email_sha256_hex?: string; mobile_sha256_hex?: string };
  signature_verifies_with: Record<string, boolean>;
}

const expectedDir = fixture('secure-qr', 'expected');
const cases = readdirSync(expectedDir).filter((f) => f.endsWith('.expected.json')).map((f) => {
  const expected = JSON.parse(readFileSync(path.join(expectedDir, f), 'utf8')) as Expected;
  const raw = readFileSync(fixture(expected.source_file), 'utf8');
  const digits = raw.trim().startsWith('{') ? (JSON.parse(raw) as { testQRData: string }).testQRData : raw.trim();
  return { name: f.replace('.expected.json', ''), expected, digits };
});

/** The fixture's cert names mapped to our files: real ones in resources/, the test one beside the fixtures. */
function certFile(name: string): string {
  const base = path.basename(name);
  return name.includes('test-only') ? fixture('certs-test-only', base) : path.join(bundledCertDir(), base);
}

const snake: Record<string, string> = {
  email_mobile_indicator: 'emailMobileIndicator', reference_id: 'referenceId', care_of: 'careOf', post_office: 'postOffice',
  sub_district: 'subDistrict', mobile_last4: 'mobileLast4',
};

describe('Secure QR fixtures', () => {
  it('has the four fixtures', () => expect(cases.length).toBe(4));

  it.each(cases)('$name decodes to its expected.json', ({ expected, digits }) => {
    const trust = new TrustStore();
    for (const name of Object.keys(expected.signature_verifies_with)) trust.addFile(certFile(name), 'explicit');
    const { result, photoBytes, emailHash, mobileHash } = decodeSecureQrWithBytes(digits, { trust });
    expect(result.sizes).toEqual({ digits: expected.decimal_digits, compressed: expected.compressed_bytes, decompressed: expected.decompressed_bytes, signed: expected.signed_bytes });
    expect(result.compression).toBe(expected.compression_wrapper);
    expect(result.layout).toBe(expected.has_version_prefix ? 'versioned' : 'no-version');
    for (const [key, value] of Object.entries(expected.fields_latin1)) {
      const ours = snake[key] ?? key;
      if (ours === 'version') expect(`V${result.version}`).toBe(value);
      else if (ours === 'emailMobileIndicator') expect(String(result.indicator.value)).toBe(value);
      else if (ours === 'referenceId') expect(result.reference.id).toBe(value);
      else expect(result.fields[ours as keyof typeof result.fields]).toBe(value);
    }
    expect(result.photo).toEqual({ start: expected.photo.start_offset, end: expected.photo.end_offset_exclusive, length: expected.photo.length });
    expect(createHash('sha256').update(photoBytes).digest('hex')).toBe(expected.photo.sha256);
    expect(emailHash ? Buffer.from(emailHash).toString('hex') : undefined).toBe(expected.contact_hashes_after_photo.email_sha256_hex);
    expect(mobileHash ? Buffer.from(mobileHash).toString('hex') : undefined).toBe(expected.contact_hashes_after_photo.mobile_sha256_hex);
    const verifiers = Object.entries(expected.signature_verifies_with).filter(([, v]) => v).map(([k]) => path.basename(k));
    expect(result.verified).toBe(verifiers.length > 0);
    expect(result.signer?.id).toBe(verifiers[0]);
  });

  it.each(cases)('$name verifies with exactly the certificates expected.json names, each alone', ({ expected, digits }) => {
    for (const [name, verifies] of Object.entries(expected.signature_verifies_with)) {
      const trust = new TrustStore();
      trust.addFile(certFile(name), 'explicit');
      expect(decodeSecureQrWithBytes(digits, { trust }).result.verified, name).toBe(verifies);
    }
  });

  it('verifies the UIDAI sample with the bundled trust store, naming DS 4 and validity at its 2019 timestamp', () => {
    const trust = loadTrustStore();
    expect(trust.list().map((c) => c.id).sort()).toEqual(readdirSync(bundledCertDir()).filter((f) => /\.(cer|pem)$/.test(f)).sort());
    const c = cases.find((x) => x.name.includes('ref2697'))!;
    const result = requireVerified(decodeSecureQrWithBytes(c.digits, { trust }).result);
    expect(result.signer).toMatchObject({ id: 'uidai_prod_cdup.cer', subject: 'DS UNIQUE IDENTIFICATION AUTHORITY OF INDIA 4', validAtTimestamp: true, origin: 'bundled' });
    expect(result.reference).toEqual({ last4: '2697', timestamp: '2019-03-08T06:14:07.437Z', id: '269720190308114407437' });
    expect(result.indicator).toEqual({ value: 3, email: true, mobile: true });
  });

  it('reports the unknown-signer UIDAI sample as unverified with E_QR_SIGNATURE, not as a parse failure', () => {
    const c = cases.find((x) => x.name.includes('ref8908'))!;
    const result = decodeSecureQrWithBytes(c.digits, { trust: loadTrustStore() }).result;
    expect(result.verified).toBe(false);
    expect(result.unverifiedReason).toBe('no-pinned-certificate-matches');
    expect(() => requireVerified(result)).toThrow(expect.objectContaining({ code: 'E_QR_SIGNATURE' }));
  });

  it('checks contact hashes: a wrong mobile or email reads not-confirmed, a V2 last-4 match reads confirmed', () => {
    const uidai = cases.find((x) => x.name.includes('ref2697'))!;
    const r = decodeSecureQrWithBytes(uidai.digits, { trust: loadTrustStore(), mobile: '9800000002', email: 'someone@example.org' }).result;
    expect(r.contact).toEqual({ mobile: { status: 'not-confirmed', method: 'hash' }, email: { status: 'not-confirmed', method: 'hash' } });
    const v2 = cases.find((x) => x.name.includes('testkey-test'))!;
    const trust = new TrustStore();
    expect(decodeSecureQrWithBytes(v2.digits, { trust, mobile: '+91 98765 01234' }).result.contact.mobile).toEqual({ status: 'confirmed', method: 'last4' });
    expect(decodeSecureQrWithBytes(v2.digits, { trust, mobile: '9876500000' }).result.contact.mobile).toEqual({ status: 'not-confirmed', method: 'last4' });
    expect(decodeSecureQrWithBytes(v2.digits, { trust }).result.contact.mobile.status).toBe('not-checked');
  });
});
