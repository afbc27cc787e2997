/**
 * `vdex`: the operator and support tool. `vdex --help` lists the subcommands;
 * each takes `--json`, and `--data-dir DIR` where it touches local state.
 * Failures exit non-zero and print a stable error code.
 */
import { toErrorData } from '../shared/errors';
import type { CliIo } from './command';
import { commands } from './commands';

export const defaultIo: CliIo = {
  out: (text) => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => void process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  // Streamed, not readFileSync(0): a pipe whose writer is still starting gives EAGAIN to a sync read.
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  },
};

/** The full list loads every command module: slower, and only for --help. */
async function help(): Promise<string> {
  const loaded = await Promise.all(commands.map((c) => c.load()));
  const width = Math.max(...loaded.map((c) => c.name.length));
  return [
    'Usage: vdex <command> [options]',
    '',
    'Commands:',
    ...loaded.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Every command takes --json for machine-readable output; `vdex <command> --help` for its options.',
  ].join('\n');
}

export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(await help());
    return name ? 0 : 2;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.err(`E_CLI_UNKNOWN_COMMAND: unknown command "${name}"\n\n${await help()}`);
    return 2;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${command.summary}\n\nUsage: ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    const error = e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS')
      ? { code: 'E_CLI_USAGE', message: `${e.message}\nUsage: ${command.usage}` }
      : toErrorData(e);
    const json = rest.includes('--json');
    if (json) io.out(JSON.stringify({ ok: false, error }, null, 2));
    else io.err(`${error.code}: ${error.message}`);
    return 1;
  }
}
