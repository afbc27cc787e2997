/** `vdex config keygen|sign|verify` end to end through the CLI entry, with real files. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../command';
import { main } from '../main';

function capture(): CliIo & { text(): string } {
  const out: string[] = [];
  return { out: (t) => void out.push(t), err: (t) => void out.push(t), readStdin: async () => '', text: () => out.join('\n') };
}
const dir = mkdtempSync(path.join(os.tmpdir(), 'vdex-cli-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vdex config', () => {
  it('keygen, sign, verify: a signed file verifies with the public key; a tampered one fails with a stable code', async () => {
    let io = capture();
    expect(await main(['config', 'keygen', '--out-dir', path.join(dir, 'keys'), '--json'], io)).toBe(0);
    const { keyId, privateKey, publicKey } = JSON.parse(io.text()).value;
    expect(readFileSync(privateKey, 'utf8')).toContain('PRIVATE KEY');
    const payloadFile = path.join(dir, 'payload.json');
    writeFileSync(payloadFile, JSON.stringify({ centralApiUrl: 'https://central.bank.example', branchId: 'PUN-7', policy: { retentionDays: 60 }, issuedAt: '2026-01-01T00:00:00Z' }));
    const signedFile = path.join(dir, 'kiosk-config.json');
    io = capture();
    expect(await main(['config', 'sign', '--key', privateKey, '--in', payloadFile, '--out', signedFile, '--json'], io)).toBe(0);
    expect(JSON.parse(io.text()).value.keyId).toBe(keyId);

    io = capture();
    expect(await main(['config', 'verify', '--data-dir', dir, '--public-key', publicKey, '--json'], io)).toBe(0);
    expect(JSON.parse(io.text()).value).toMatchObject({ branchId: 'PUN-7', keyId, policy: { retentionDays: 60, idleLockSeconds: 120 } });

    writeFileSync(signedFile, readFileSync(signedFile, 'utf8').replace('PUN-7', 'PUN-8'));
    io = capture();
    expect(await main(['config', 'verify', '--file', signedFile, '--public-key', publicKey, '--json'], io)).toBe(1);
    expect(JSON.parse(io.text()).error.code).toBe('E_CONFIG_BAD_SIGNATURE');
  });

  it('sign refuses a payload that is not valid, and keygen never overwrites a key', async () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ centralApiUrl: 'ftp://x', branchId: 'A', policy: {}, issuedAt: 'yesterday' }));
    let io = capture();
    expect(await main(['config', 'sign', '--key', path.join(dir, 'keys/config-signing.key'), '--in', bad, '--json'], io)).toBe(1);
    expect(JSON.parse(io.text()).error.code).toBe('E_CONFIG_INVALID');
    io = capture();
    expect(await main(['config', 'keygen', '--out-dir', path.join(dir, 'keys'), '--json'], io)).toBe(1);
    expect(JSON.parse(io.text()).error.code).toBe('E_CONFIG_KEY_EXISTS');
  });
});
