import { parseArgs } from 'node:util';
import { loadConfig } from '../../main/config';
import { createHost } from '../../main/host';
import { report, type CliCommand } from '../command';

export const infoCommand: CliCommand = {
  name: 'info',
  summary: 'What this kiosk is: version, build, mode, platform (the same facts as app:info)',
  usage: 'vdex info [--json] [--data-dir DIR]',
  async run(args, io) {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, 'data-dir': { type: 'string' } } });
    const host = await createHost({
      config: loadConfig(values['data-dir'] ? { dataDir: values['data-dir'], demoPeers: false } : { demoPeers: false }),
      runtime: 'cli',
    });
    try {
      const info = host.info();
      const text = Object.entries(info).map(([k, v]) => `${k.padEnd(12)} ${v}`).join('\n');
      return report(io, values.json ?? false, { ok: true, value: info, text });
    } finally {
      await host.close();
    }
  },
};
