import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { QrVerificationSchema } from '../../shared/ipc/qr';
import { fixture } from './fixtures';
import { loadTrustStore } from './trust-store';
import { verifyScan } from './verify-scan';

const trust = loadTrustStore();

describe('verifyScan', () => {
  it('verifies the UIDAI sample as a scanner delivers it (AIM prefix, CR LF) and shows its photo', async () => {
    const text = `]Q1${readFileSync(fixture('secure-qr', 'uidai-sample-ref2697-2019-03-08.txt'), 'utf8')}\r\n`;
    const r = QrVerificationSchema.parse(await verifyScan(text, { trust, source: 'serial' }));
    expect(r).toMatchObject({ format: 'secure-qr', verified: true, source: 'serial', signer: { id: 'uidai_prod_cdup.cer' } });
    if (r.format === 'secure-qr') expect(r.photo).toMatchObject({ width: 60, height: 60 });
  });

  it('refuses the unknown-signer sample with E_QR_SIGNATURE', async () => {
    await expect(verifyScan(readFileSync(fixture('secure-qr', 'uidai-sample-ref8908-2019-03-05.txt'), 'utf8'), { trust })).rejects.toMatchObject({ code: 'E_QR_SIGNATURE' });
  });

  it('returns a legacy XML QR masked and flagged, and refuses other text with E_QR_FORMAT', async () => {
    const r = QrVerificationSchema.parse(await verifyScan(readFileSync(fixture('legacy-xml', 'dimagi-printletter-full.xml'), 'utf8'), { trust }));
    expect(r).toMatchObject({ format: 'legacy-xml', verified: false, aadhaarMasked: 'XXXX XXXX 9012' });
    await expect(verifyScan('https://example.org', { trust })).rejects.toMatchObject({ code: 'E_QR_FORMAT' });
    await expect(verifyScan('234123412346', { trust })).rejects.toMatchObject({ code: 'E_QR_FORMAT' });
  });
});
