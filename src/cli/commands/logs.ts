/** `vdex logs export`: a redacted support bundle of the kiosk's log files. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { KioskError } from '../../shared/errors';
import { loadConfig } from '../../main/config';
import { exportSupportBundle } from '../../main/logging/export';
import { BUILD, PRODUCT_NAME, VERSION } from '../../main/version';
import { report, type CliCommand } from '../command';

const usage = 'vdex logs export [--data-dir DIR] [--out FILE] [--days N] [--json]';

export const logsCommand: CliCommand = {
  name: 'logs',
  summary: 'Export the kiosk logs as a redacted support bundle (zip)',
  usage,
  async run(args, io) {
    const [action, ...rest] = args;
    if (action !== 'export') throw new KioskError('E_CLI_USAGE', `logs needs an action: export\nUsage: ${usage}`);
    const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' }, 'data-dir': { type: 'string' }, out: { type: 'string' }, days: { type: 'string' } } });
    const config = loadConfig(values['data-dir'] ? { dataDir: values['data-dir'], demoPeers: false } : { demoPeers: false });
    const now = new Date();
    const days = values.days === undefined ? undefined : Number(values.days);
    if (days !== undefined && !(Number.isInteger(days) && days > 0)) throw new KioskError('E_CLI_USAGE', '--days takes a whole number of days.');
    const out = path.resolve(values.out ?? `vdex-support-${now.toISOString().replace(/[:.]/g, '-')}.zip`);
    const summary = exportSupportBundle({
      dataDir: config.dataDir, out, now, ...(days ? { days } : {}),
      about: { productName: PRODUCT_NAME, version: VERSION, build: BUILD, mode: config.mode, branchId: config.branchId, platform: process.platform },
    });
    const text = `wrote ${summary.out}: ${summary.files.length} log file(s), ${summary.files.reduce((n, f) => n + f.changedLines, 0)} line(s) redacted on export`;
    return report(io, values.json ?? false, { ok: true, value: summary, text });
  },
};
