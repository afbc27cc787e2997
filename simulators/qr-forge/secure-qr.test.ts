/** Forged vectors verify with the forge's test certificate, and each tamper gives its stable code. */
import { describe, expect, it } from 'vitest';
import { decodeSecureQrWithBytes, requireVerified } from '../../src/devices/qr/secure-qr/decode';
import { TrustStore } from '../../src/devices/qr/trust-store';
import { TEST_CERT_FILE, WRONG_CERT_FILE } from './keys';
import { forgeSecureQr, type ForgeLayout, type ForgeTamper } from './secure-qr';

const trust = new TrustStore();
trust.addFile(TEST_CERT_FILE, 'explicit');
const when = new Date('2024-06-01T10:00:00Z');

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code;
  }
}

describe('qr-forge Secure QR', () => {
  it.each<ForgeLayout>(['no-version', 'v2', 'v4'])('%s verifies with the test certificate and decodes its fields', (layout) => {
    const digits = forgeSecureQr({ layout, timestamp: when, mobile: '9876543210', email: 'asha@example.org', last4: '4327' });
    expect(digits).toMatch(/^[1-9][0-9]{1000,7089}$/);
    const { result } = decodeSecureQrWithBytes(digits, { trust, mobile: '9876543210', email: 'asha@example.org' });
    requireVerified(result);
    expect(result.signer).toMatchObject({ subject: 'V-DEX TEST Secure QR signer (NOT UIDAI)', validAtTimestamp: true });
    expect(result.layout).toBe(layout === 'no-version' ? 'no-version' : 'versioned');
    expect(result.version).toBe(layout === 'no-version' ? null : layout === 'v2' ? 2 : 4);
    expect(result.fields.name).toBe('Asha Devi Test');
    expect(result.reference).toMatchObject({ last4: '4327', timestamp: when.toISOString() });
    expect(result.contact.mobile).toEqual({ status: 'confirmed', method: layout === 'no-version' ? 'hash' : 'last4' });
    if (layout === 'no-version') expect(result.contact.email).toEqual({ status: 'confirmed', method: 'hash' });
  });

  it('does not verify a forged vector against the real UIDAI certificates or another test key', () => {
    const digits = forgeSecureQr({ layout: 'v2', timestamp: when });
    const other = new TrustStore();
    other.addFile(WRONG_CERT_FILE, 'explicit');
    expect(decodeSecureQrWithBytes(digits, { trust: other }).result.verified).toBe(false);
  });

  it('accepts the zlib wrapper too', () => {
    expect(decodeSecureQrWithBytes(forgeSecureQr({ layout: 'v4', compression: 'zlib', timestamp: when }), { trust }).result.verified).toBe(true);
  });

  it.each<[ForgeTamper, string]>([
    ['flip', 'E_QR_SIGNATURE'],
    ['wrong-key', 'E_QR_SIGNATURE'],
    ['truncate', 'E_QR_INFLATE'],
    ['oversize', 'E_QR_DIGITS'],
    ['bomb', 'E_QR_INFLATE_LIMIT'],
  ])('tamper %s gives %s', (tamper, code) => {
    for (const layout of ['no-version', 'v2', 'v4'] as const) {
      const digits = forgeSecureQr({ layout, tamper, timestamp: when });
      expect(codeOf(() => requireVerified(decodeSecureQrWithBytes(digits, { trust }).result)), layout).toBe(code);
    }
  });

  it('says "update needed" when no key verifies a QR newer than every pinned certificate', () => {
    const digits = forgeSecureQr({ layout: 'v2', tamper: 'wrong-key', timestamp: new Date('2047-01-01T00:00:00Z') });
    const { result } = decodeSecureQrWithBytes(digits, { trust });
    expect(result.unverifiedReason).toBe('signer-unknown-update-needed');
  });

  it('flags a QR dated outside its signer certificate validity', () => {
    const digits = forgeSecureQr({ layout: 'v2', timestamp: new Date('2012-01-01T00:00:00Z') });
    const { result } = decodeSecureQrWithBytes(digits, { trust });
    expect(result.verified).toBe(true);
    expect(result.signer?.validAtTimestamp).toBe(false);
    expect(result.warnings.join(' ')).toMatch(/validity window/);
  });
});
