/**
 * The shape of a `vdex` subcommand. Each lives in `commands/<name>.ts` and is
 * listed in `commands/index.ts`. Commands print through `CliIo` so tests can
 * capture output, and return the process exit code.
 */
import type { ErrorData } from '../shared/result';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Standard input as text (for `qr decode` without --file). */
  readStdin(): Promise<string>;
}

export interface CliCommand {
  name: string;
  summary: string;
  /** Extra lines for `vdex <name> --help`. */
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Writes a result as JSON or as readable text, and returns the exit code. */
export function report(io: CliIo, json: boolean, result: { ok: true; value: unknown; text?: string } | { ok: false; error: ErrorData; exitCode?: number }): number {
  if (result.ok) {
    io.out(json ? JSON.stringify({ ok: true, value: result.value }, null, 2) : (result.text ?? JSON.stringify(result.value, null, 2)));
    return 0;
  }
  if (json) io.out(JSON.stringify({ ok: false, error: result.error }, null, 2));
  else io.err(`${result.error.code}: ${result.error.message}`);
  return result.exitCode ?? 1;
}
