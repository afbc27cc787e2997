/** The signed kiosk configuration: real Ed25519 keys, real files in a temp folder. */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { CONFIG_FILE_NAME, configKeyId, loadConfig, resolveKioskConfig, signConfig, verifyConfigFile, type SignedConfigPayloadInput } from '.';

function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}
const central = keyPair();
const payload: SignedConfigPayloadInput = {
  centralApiUrl: 'https://central.bank.example/api',
  branchId: 'MUM-0042',
  policy: { idleLockSeconds: 90, idleResetSeconds: 240, retentionDays: 45, logRetentionDays: 7 },
  issuedAt: '2026-01-01T00:00:00.000Z',
  expiresAt: '2030-01-01T00:00:00.000Z',
};
const now = new Date('2026-06-01T00:00:00Z');
const dirs: string[] = [];
function dataDir(fileText?: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vdex-config-'));
  dirs.push(dir);
  if (fileText !== undefined) writeFileSync(path.join(dir, CONFIG_FILE_NAME), fileText);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('signed configuration file', () => {
  it('verifies a file signed by a trusted key, even re-indented with keys re-ordered', () => {
    const text = signConfig(payload, central.privatePem);
    expect(verifyConfigFile(text, { trustedKeys: [central.publicPem], now }).payload.branchId).toBe('MUM-0042');
    const reordered = JSON.parse(text);
    const shuffled = JSON.stringify({ signature: reordered.signature, config: { ...reordered.config, policy: { ...reordered.config.policy } }, keyId: reordered.keyId, format: reordered.format });
    expect(verifyConfigFile(shuffled, { trustedKeys: [central.publicPem], now }).keyId).toBe(configKeyId(central.publicPem));
  });

  it.each([
    ['unsigned', () => JSON.stringify(payload), 'E_CONFIG_UNSIGNED'],
    ['not JSON', () => '{ nope', 'E_CONFIG_INVALID'],
    ['tampered branch', () => signConfig(payload, central.privatePem).replace('MUM-0042', 'DEL-0001'), 'E_CONFIG_BAD_SIGNATURE'],
    ['tampered policy', () => signConfig(payload, central.privatePem).replace('"idleLockSeconds": 90', '"idleLockSeconds": 3600'), 'E_CONFIG_BAD_SIGNATURE'],
    ['signed by another key', () => signConfig(payload, keyPair().privatePem), 'E_CONFIG_UNTRUSTED_KEY'],
    ['expired', () => signConfig({ ...payload, expiresAt: '2026-05-01T00:00:00.000Z' }, central.privatePem), 'E_CONFIG_EXPIRED'],
    ['issued in the future', () => signConfig({ ...payload, issuedAt: '2027-01-01T00:00:00.000Z' }, central.privatePem), 'E_CONFIG_NOT_YET_VALID'],
  ])('refuses a file that is %s', (_name, make, code) => {
    expect(() => verifyConfigFile(make(), { trustedKeys: [central.publicPem], now })).toThrow(expect.objectContaining({ code }));
  });

  it('refuses to sign an invalid payload (plain-http central API, policy out of range)', () => {
    expect(() => signConfig({ ...payload, centralApiUrl: 'http://central.bank.example' }, central.privatePem)).toThrow(expect.objectContaining({ code: 'E_CONFIG_INVALID' }));
    expect(() => signConfig({ ...payload, policy: { idleLockSeconds: 1 } }, central.privatePem)).toThrow(expect.objectContaining({ code: 'E_CONFIG_INVALID' }));
  });

  it('any change to a signed file’s bytes inside the config is refused (property)', () => {
    const text = signConfig(payload, central.privatePem);
    const start = text.indexOf('"config"');
    const end = text.indexOf('"signature"');
    fc.assert(fc.property(fc.integer({ min: start, max: end - 1 }), fc.integer({ min: 1, max: 255 }), (at, delta) => {
      const bytes = Buffer.from(text);
      bytes[at] = (bytes[at]! + delta) % 256;
      const changed = bytes.toString('latin1');
      let result: string;
      try {
        result = verifyConfigFile(changed, { trustedKeys: [central.publicPem], now }).payload.branchId;
      } catch {
        return true;
      }
      // Only whitespace changes outside strings may still verify, and then the content is the same.
      return result === 'MUM-0042' && JSON.stringify(JSON.parse(changed).config) === JSON.stringify(JSON.parse(text).config);
    }), { numRuns: 300 });
  });
});

describe('resolveKioskConfig', () => {
  it('production: takes URL, branch and policy from the signed file, and ignores the environment', () => {
    const dir = dataDir(signConfig(payload, central.privatePem));
    const env = { VDEX_CENTRAL_API_URL: 'http://127.0.0.1:9/evil', VDEX_BRANCH_ID: 'X', VDEX_DATA_DIR: '/elsewhere', VDEX_DEMO_PEERS: '1' };
    const r = resolveKioskConfig({ overrides: { mode: 'production', dataDir: dir }, env, trustedKeys: [central.publicPem], now });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config).toMatchObject({ mode: 'production', dataDir: dir, centralApiUrl: payload.centralApiUrl, branchId: 'MUM-0042', demoPeers: false, source: 'signed-file' });
    expect(r.config.policy.idleLockSeconds).toBe(90);
  });

  it.each([
    ['missing', undefined, 'E_CONFIG_MISSING'],
    ['unsigned', JSON.stringify(payload), 'E_CONFIG_UNSIGNED'],
    ['tampered', () => signConfig(payload, central.privatePem).replace('MUM-0042', 'MUM-0043'), 'E_CONFIG_BAD_SIGNATURE'],
  ])('production: a %s file is refused with a code for the refusal screen', (_n, file, code) => {
    const text = typeof file === 'function' ? file() : file;
    const dir = dataDir(text);
    const r = resolveKioskConfig({ overrides: { mode: 'production', dataDir: dir }, env: {}, trustedKeys: [central.publicPem], now });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });

  it('production: a build with no trusted key refuses even a well-signed file', () => {
    const dir = dataDir(signConfig(payload, central.privatePem));
    const r = resolveKioskConfig({ overrides: { mode: 'production', dataDir: dir }, env: {}, trustedKeys: [], now });
    expect(!r.ok && r.error.code).toBe('E_CONFIG_NO_TRUSTED_KEY');
  });

  it('production: VDEX_CONFIG_PUBLIC_KEY cannot add a trusted key', () => {
    const rogue = keyPair();
    const dir = dataDir(signConfig(payload, rogue.privatePem));
    const keyFile = path.join(dir, 'rogue.pem');
    writeFileSync(keyFile, rogue.publicPem);
    const env = { VDEX_CONFIG_PUBLIC_KEY: keyFile };
    expect(resolveKioskConfig({ overrides: { mode: 'production', dataDir: dir }, env, trustedKeys: [central.publicPem], now }).ok).toBe(false);
    expect(resolveKioskConfig({ overrides: { mode: 'development', dataDir: dir }, env, trustedKeys: [central.publicPem], now }).ok).toBe(true);
  });

  it('demo: no file needed; environment overrides apply, also over a signed file', () => {
    const none = resolveKioskConfig({ overrides: { mode: 'demo', dataDir: dataDir() }, env: { VDEX_BRANCH_ID: 'DEV-1' }, trustedKeys: [] });
    expect(none.ok && none.config).toMatchObject({ branchId: 'DEV-1', source: 'defaults', demoPeers: true });
    const signed = resolveKioskConfig({ overrides: { mode: 'demo', dataDir: dataDir(signConfig(payload, central.privatePem)) }, env: { VDEX_CENTRAL_API_URL: 'http://127.0.0.1:4000' }, trustedKeys: [central.publicPem], now });
    expect(signed.ok && signed.config).toMatchObject({ branchId: 'MUM-0042', centralApiUrl: 'http://127.0.0.1:4000', source: 'signed-file' });
  });

  it('loadConfig keeps its rule: environment overrides in demo and development only', () => {
    const env = { VDEX_CENTRAL_API_URL: 'http://127.0.0.1:5000', VDEX_DATA_DIR: '/tmp/x' };
    expect(loadConfig({ mode: 'development' }, env)).toMatchObject({ centralApiUrl: 'http://127.0.0.1:5000', dataDir: '/tmp/x' });
    const prod = loadConfig({ mode: 'production', dataDir: '/var/vdex' }, env);
    expect(prod.centralApiUrl).toBeUndefined();
    expect(prod.dataDir).toBe('/var/vdex');
    expect(prod.policy.idleLockSeconds).toBe(120);
  });
});
