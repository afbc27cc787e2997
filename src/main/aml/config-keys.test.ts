/** Trusted AML bundle keys come from the signed kiosk configuration (real keys, real files). */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_FILE_NAME, resolveKioskConfig, signConfig } from '../config';
import { bundleKeysFor } from './create';

const pems = () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
};
const central = pems();
const bundleKey = pems();
const now = new Date('2026-06-01T00:00:00Z');
const payload = {
  centralApiUrl: 'https://central.bank.example/api', branchId: 'MUM-0042', policy: {},
  amlBundleKeys: { 'lists-2026': bundleKey.publicPem }, issuedAt: '2026-01-01T00:00:00.000Z',
};
function dirWith(text: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vdex-aml-config-'));
  writeFileSync(path.join(dir, CONFIG_FILE_NAME), text);
  return dir;
}

describe('AML bundle keys in the kiosk configuration', () => {
  it('production takes them from the signed file and ignores VDEX_AML_BUNDLE_KEYS', () => {
    const r = resolveKioskConfig({ overrides: { mode: 'production', dataDir: dirWith(signConfig(payload, central.privatePem)) }, env: {}, trustedKeys: [central.publicPem], now });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.amlBundleKeys).toEqual({ 'lists-2026': bundleKey.publicPem });
    const env = { VDEX_AML_BUNDLE_KEYS: JSON.stringify({ dev: pems().publicPem }) };
    expect(Object.keys(bundleKeysFor(r.config, env))).toEqual(['lists-2026']);
    expect(Object.keys(bundleKeysFor({ ...r.config, mode: 'demo' }, env)).sort()).toEqual(['dev', 'lists-2026']);
  });

  it('a file whose bundle key was swapped after signing is refused as a whole', () => {
    const swapped = signConfig(payload, central.privatePem).replace(bundleKey.publicPem.split('\n')[1]!, pems().publicPem.split('\n')[1]!);
    const r = resolveKioskConfig({ overrides: { mode: 'production', dataDir: dirWith(swapped) }, env: {}, trustedKeys: [central.publicPem], now });
    expect(r).toMatchObject({ ok: false, error: { code: 'E_CONFIG_BAD_SIGNATURE' } });
  });

  it('without a signed file there are no bundle keys (bundles are refused until IT installs one)', () => {
    const r = resolveKioskConfig({ overrides: { mode: 'demo', dataDir: mkdtempSync(path.join(os.tmpdir(), 'vdex-aml-config-')) }, env: {}, trustedKeys: [] });
    expect(r.ok && r.config.amlBundleKeys).toEqual({});
  });
});
