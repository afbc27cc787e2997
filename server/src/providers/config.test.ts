import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verificationFromEnv } from './config';
import { buildProviders } from './registry';

describe('verificationFromEnv', () => {
  it('demo: sandboxes with a hash key derived from the data key, stable across restarts', () => {
    const dataKey = randomBytes(32);
    const a = verificationFromEnv({ env: {}, production: false, dataKey, dataDir: '/tmp/vdex-demo' })!;
    const b = verificationFromEnv({ env: {}, production: false, dataKey })!;
    expect(a.hashKey.equals(b.hashKey)).toBe(true);
    expect(a.providers.sandbox?.uidaiPrivateKeyPem).toContain('PRIVATE KEY');
    expect(a.providers.sandbox?.otpLogFile).toBe('/tmp/vdex-demo/dev-otp.log');
    const built = buildProviders(a.providers);
    expect(built.aadhaarOtp.name).toBe('uidai-sandbox');
    expect(built.pan.name).toBe('sandbox-documents');
  });

  it('switches to IDfy and Cashfree when their keys are set', () => {
    const v = verificationFromEnv({ env: { VDEX_IDFY_API_KEY: 'k', VDEX_IDFY_ACCOUNT_ID: 'a', VDEX_CASHFREE_CLIENT_ID: 'c', VDEX_CASHFREE_CLIENT_SECRET: 's' }, production: false, dataKey: randomBytes(32) })!;
    const built = buildProviders(v.providers);
    expect(built.aadhaarOtp.name).toBe('cashfree');
    expect(built.pan.name).toBe('idfy');
    expect(built.passport.name).toBe('idfy');
  });

  it('production: no providers means no routes; a provider key needs the hash key; never a sandbox', async () => {
    expect(verificationFromEnv({ env: {}, production: true, dataKey: randomBytes(32) })).toBeUndefined();
    expect(() => verificationFromEnv({ env: { VDEX_IDFY_API_KEY: 'k', VDEX_IDFY_ACCOUNT_ID: 'a' }, production: true, dataKey: randomBytes(32) })).toThrow(/E_SERVER_NO_HASH_KEY/);
    const v = verificationFromEnv({ env: { VDEX_AADHAAR_HASH_KEY: randomBytes(32).toString('base64'), VDEX_IDFY_API_KEY: 'k', VDEX_IDFY_ACCOUNT_ID: 'a' }, production: true, dataKey: randomBytes(32) })!;
    expect(v.providers.sandbox).toBeUndefined();
    const built = buildProviders(v.providers);
    expect(built.sandbox).toBeUndefined();
    expect(built.pan.name).toBe('idfy');
    await expect(built.biometric.authenticate({ idNumber: '', idKind: 'aadhaar', pidDataXml: '', wadh: '' }, { consentRef: 'c', journeyId: 'j', deviceId: 'd' })).rejects.toMatchObject({ kind: 'not_supported' });
  });
});
