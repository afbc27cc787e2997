/** `vdex logs export` through the CLI entry: real log files in a temp data dir, a real zip. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { verhoeffCheckDigit } from '../../shared/validators/verhoeff';
import type { CliIo } from '../command';
import { main } from '../main';

const dir = mkdtempSync(path.join(os.tmpdir(), 'vdex-cli-logs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function capture(): CliIo & { text(): string } {
  const out: string[] = [];
  return { out: (t) => void out.push(t), err: (t) => void out.push(t), readStdin: async () => '', text: () => out.join('\n') };
}

describe('vdex logs export', () => {
  it('writes a zip whose logs hold no identity data', async () => {
    const aadhaar = `23456789012${verhoeffCheckDigit('23456789012')}`;
    mkdirSync(path.join(dir, 'data/logs'), { recursive: true });
    writeFileSync(path.join(dir, 'data/logs/vdex.2026-11-01.1.log'), `${JSON.stringify({ level: 30, name: 'vdex', msg: 'x', uid: aadhaar, otp: '123456' })}\n`);
    const out = path.join(dir, 'bundle.zip');
    const io = capture();
    expect(await main(['logs', 'export', '--data-dir', path.join(dir, 'data'), '--out', out, '--json'], io)).toBe(0);
    expect(JSON.parse(io.text()).value.files[0]).toMatchObject({ name: 'vdex.2026-11-01.1.log', lines: 1, changedLines: 1 });
    const zip = unzipSync(readFileSync(out));
    const text = strFromU8(zip['logs/vdex.2026-11-01.1.log']!);
    expect(text).not.toContain(aadhaar);
    expect(text).not.toContain('123456');
  });

  it('exits non-zero with E_LOGS_NONE when there are no logs', async () => {
    const io = capture();
    expect(await main(['logs', 'export', '--data-dir', path.join(dir, 'empty'), '--out', path.join(dir, 'x.zip'), '--json'], io)).toBe(1);
    expect(JSON.parse(io.text()).error.code).toBe('E_LOGS_NONE');
  });
});
