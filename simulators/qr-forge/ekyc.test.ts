/** Offline e-KYC: forged signed ZIPs open in memory, verify with the test certificate, and each fault gives its code. */
import { readdirSync } from 'node:fs';
import os from 'node:os';
import { Uint8ArrayWriter, ZipWriter, TextReader } from '@zip.js/zip.js';
import { describe, expect, it } from 'vitest';
import { forgeEkycXml, forgeEkycZip } from './ekyc';
import { TEST_CERT_FILE } from './keys';
import { loadTrustStore, TrustStore } from '../../src/devices/qr/trust-store';
import { openOfflineEkyc } from '../../src/devices/qr/offline-ekyc/open';

const trust = new TrustStore();
trust.addFile(TEST_CERT_FILE, 'explicit');
const now = new Date('2025-01-10T12:00:00Z');
const made = new Date('2025-01-09T09:30:00Z');
const base = { shareCode: '1234', timestamp: made, mobile: '9876543210', email: 'asha@example.org', last4: '4325' };

describe('offline e-KYC', () => {
  it.each([
    { signatureAlgorithm: 'rsa-sha256' as const, zipCrypto: false },
    { signatureAlgorithm: 'rsa-sha1' as const, zipCrypto: true },
  ])('opens a signed ZIP (%o) in memory, verifies it, checks contacts, and writes nothing to disk', async (variant) => {
    const tmpBefore = readdirSync(os.tmpdir()).length;
    const zip = await forgeEkycZip({ ...base, ...variant });
    const r = await openOfflineEkyc(zip, { trust, shareCode: '1234', mobile: '9876543210', email: 'asha@example.org', now });
    expect(r).toMatchObject({
      verified: true, signatureAlgorithm: variant.signatureAlgorithm,
      signer: { subject: 'V-DEX TEST Secure QR signer (NOT UIDAI)', validAtTimestamp: true },
      reference: { last4: '4325', timestamp: made.toISOString() },
      fields: { name: 'Asha Devi Test', pincode: '560034', country: 'India' },
      contact: { mobile: { status: 'confirmed', method: 'hash' }, email: { status: 'confirmed', scheme: 'plain-sha256' } },
    });
    expect(r.photo?.dataUrl).toMatch(/^data:image\/png;base64,/);
    expect(JSON.stringify(r)).not.toContain('1234"');
    expect(readdirSync(os.tmpdir()).length).toBe(tmpBefore);
  });

  it('a wrong mobile reads not-confirmed, never tampered', async () => {
    const r = await openOfflineEkyc(await forgeEkycZip(base), { trust, shareCode: '1234', mobile: '9000000000', now });
    expect(r.contact.mobile.status).toBe('not-confirmed');
  });

  it.each([
    ['wrong share code', async () => openOfflineEkyc(await forgeEkycZip(base), { trust, shareCode: '9999', now }), 'E_EKYC_SHARE_CODE'],
    ['altered after signing', async () => openOfflineEkyc(await forgeEkycZip({ ...base, tamper: 'flip' }), { trust, shareCode: '1234', now }), 'E_EKYC_SIGNATURE'],
    ['signed by another key', async () => openOfflineEkyc(await forgeEkycZip({ ...base, tamper: 'wrong-key' }), { trust, shareCode: '1234', now }), 'E_EKYC_SIGNATURE'],
    ['unsigned', async () => openOfflineEkyc(await forgeEkycZip({ ...base, tamper: 'unsigned' }), { trust, shareCode: '1234', now }), 'E_EKYC_SIGNATURE'],
    ['two signatures (wrapping)', async () => openOfflineEkyc(await forgeEkycZip({ ...base, tamper: 'two-signatures' }), { trust, shareCode: '1234', now }), 'E_EKYC_SIGNATURE'],
    ['older than 3 days', async () => openOfflineEkyc(await forgeEkycZip(base), { trust, shareCode: '1234', now: new Date('2025-01-13T12:00:00Z') }), 'E_EKYC_STALE'],
    ['not trusted by the UIDAI store', async () => openOfflineEkyc(await forgeEkycZip(base), { trust: loadTrustStore(), shareCode: '1234', now }), 'E_EKYC_SIGNATURE'],
    ['not a zip', async () => openOfflineEkyc(new TextEncoder().encode('hello'), { trust, shareCode: '1234', now }), 'E_EKYC_ZIP'],
  ])('%s gives its code', async (_name, run, code) => {
    await expect(run()).rejects.toMatchObject({ code });
  });

  it('honours a configured freshness window', async () => {
    const zip = await forgeEkycZip(base);
    await expect(openOfflineEkyc(zip, { trust, shareCode: '1234', now: new Date('2025-01-13T12:00:00Z'), maxAgeDays: 7 })).resolves.toMatchObject({ verified: true });
  });

  it('refuses a ZIP with extra entries or a DOCTYPE', async () => {
    const w = new ZipWriter(new Uint8ArrayWriter(), { password: '1234' });
    await w.add('offlineaadhaar20250109150000000.xml', new TextReader(forgeEkycXml(base)));
    await w.add('other.xml', new TextReader('<a/>'));
    await expect(openOfflineEkyc(await w.close(), { trust, shareCode: '1234', now })).rejects.toMatchObject({ code: 'E_EKYC_ZIP' });
    const w2 = new ZipWriter(new Uint8ArrayWriter(), { password: '1234' });
    await w2.add('offlineaadhaar20250109150000000.xml', new TextReader(`<!DOCTYPE x [<!ENTITY a "b">]>${forgeEkycXml(base).replace(/^<\?xml[^>]*>/, '')}`));
    await expect(openOfflineEkyc(await w2.close(), { trust, shareCode: '1234', now })).rejects.toMatchObject({ code: 'E_EKYC_XML' });
  });
});
