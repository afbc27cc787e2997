import { describe, expect, it } from 'vitest';
import type { CliIo } from './command';
import { main } from './main';

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => void stdout.push(t), err: (t) => void stderr.push(t), readStdin: async () => '' };
}

describe('vdex CLI', () => {
  it('info --json prints the same facts as app:info', async () => {
    const io = capture();
    expect(await main(['info', '--json'], io)).toBe(0);
    const parsed = JSON.parse(io.stdout.join(''));
    expect(parsed.ok).toBe(true);
    expect(parsed.value).toMatchObject({ productName: 'V-DEX Verify', runtime: 'cli', mode: expect.any(String) });
  });

  it('--help lists the subcommands', async () => {
    const io = capture();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.stdout.join('')).toMatch(/info\s+What this kiosk is/);
  });

  it('an unknown command or option exits non-zero with a stable code', async () => {
    const io = capture();
    expect(await main(['nope'], io)).toBe(2);
    expect(io.stderr.join('')).toContain('E_CLI_UNKNOWN_COMMAND');
    const io2 = capture();
    expect(await main(['info', '--bogus', '--json'], io2)).toBe(1);
    expect(JSON.parse(io2.stdout.join('')).error.code).toBe('E_CLI_USAGE');
  });
});
