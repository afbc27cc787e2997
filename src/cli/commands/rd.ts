/**
 * `vdex rd discover|info|capture`: RD-service diagnostics for support staff.
 * Capture output never contains the PID block: only its length and SHA-256.
 * Exit codes: 0 success; errCode != 0 exits with errCode / 10 (710 -> 71,
 * 999 -> 99; process exit codes stop at 255) and prints E_RD_<errCode>.
 */
import { parseArgs } from 'node:util';
import { KioskError } from '../../shared/errors';
import { toRdDevice } from '../../devices/hub';
import { RdClient } from '../../devices/rd/client';
import { RD_PORTS } from '../../devices/rd/discovery';
import { report, type CliCommand } from '../command';

function parsePorts(spec: string | undefined): number[] | undefined {
  if (!spec) return undefined;
  const out: number[] = [];
  for (const part of spec.split(',')) {
    const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(part.trim());
    if (!m) throw new KioskError('E_CLI_USAGE', `--ports: "${part}" is not a port or a range like 11100-11120`);
    const from = Number(m[1]);
    const to = Number(m[2] ?? m[1]);
    if (from < 1 || to > 65535 || to < from || to - from > 1000) throw new KioskError('E_CLI_USAGE', `--ports: bad range ${part}`);
    for (let p = from; p <= to; p++) out.push(p);
  }
  return out;
}

function intOption(name: string, v: string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  if (!/^\d+$/.test(v)) throw new KioskError('E_CLI_USAGE', `--${name} must be a whole number`);
  return Number(v);
}

export const rdCommand: CliCommand = {
  name: 'rd',
  summary: 'Biometric RD services: discover, device info, test capture (prints only the PID length and SHA-256)',
  usage: [
    'vdex rd discover [--ports 11100-11120] [--budget MS] [--json]',
    '       vdex rd info --port N [--json]',
    '       vdex rd capture --port N --modality finger|iris [--count 1] [--timeout MS] [--env P|PP|S] [--json]',
  ].join('\n'),
  async run(args, io) {
    const [verb, ...rest] = args;
    const { values } = parseArgs({
      args: rest,
      options: {
        json: { type: 'boolean' }, port: { type: 'string' }, ports: { type: 'string' }, budget: { type: 'string' },
        modality: { type: 'string' }, count: { type: 'string' }, timeout: { type: 'string' }, env: { type: 'string' },
      },
    });
    const json = values.json ?? false;
    const client = new RdClient({ ports: parsePorts(values.ports) ?? RD_PORTS, budgetMs: intOption('budget', values.budget, 1500) });
    const port = () => {
      const p = intOption('port', values.port, 0);
      if (p < 1 || p > 65535) throw new KioskError('E_CLI_USAGE', '--port N is required (1-65535)');
      return p;
    };
    if (verb === 'discover') {
      const result = await client.discover();
      const services = result.services.map(toRdDevice);
      const text = services.length === 0
        ? `No RD service found (${result.elapsedMs} ms).`
        : services.map((s) => `${String(s.port).padEnd(6)} ${s.scheme.padEnd(5)} ${s.status.padEnd(8)} ${s.modality.padEnd(7)} ${s.info}${s.device ? `  [${s.device.mi}, ${s.device.rdsId} ${s.device.rdsVer}]` : ''}${s.warnings.length ? `\n       ! ${s.warnings.join('\n       ! ')}` : ''}`).join('\n') + `\n(${result.elapsedMs} ms)`;
      return report(io, json, { ok: true, value: { services, elapsedMs: result.elapsedMs, budgetExhausted: result.budgetExhausted }, text });
    }
    if (verb === 'info') {
      const s = toRdDevice(await client.deviceInfo({ port: port() }));
      return report(io, json, { ok: true, value: s, text: JSON.stringify(s, null, 2) });
    }
    if (verb === 'capture') {
      const modality = values.modality;
      if (modality !== 'finger' && modality !== 'iris') throw new KioskError('E_CLI_USAGE', '--modality finger|iris is required');
      const env = values.env ?? 'P';
      if (env !== 'P' && env !== 'PP' && env !== 'S') throw new KioskError('E_CLI_USAGE', '--env must be P, PP or S');
      const count = intOption('count', values.count, 1);
      const timeout = intOption('timeout', values.timeout, 15_000);
      const out = await client.capture({ port: port() }, modality === 'finger' ? { fCount: count, timeout, env } : { iCount: count, timeout, env });
      const r = out.pidData.resp;
      const d = out.pidData.deviceInfo;
      const value = {
        port: out.port, errCode: r.errCode, errInfo: r.errInfo, message: out.message.en,
        fCount: r.fCount, iCount: r.iCount, qScore: r.qScore, nmPoints: r.nmPoints,
        device: d ? { dpId: d.dpId, rdsId: d.rdsId, rdsVer: d.rdsVer, dc: d.dc, mi: d.mi } : undefined,
        ci: out.pidData.skey?.ci, payload: out.payload, durationMs: out.durationMs,
      };
      if (!out.pidData.success) {
        const numeric = /^\d+$/.test(r.errCode) ? Math.floor(Number(r.errCode) / 10) : 1;
        return report(io, json, { ok: false, error: { code: `E_RD_${/^[A-Z0-9]+$/i.test(r.errCode) ? r.errCode.toUpperCase() : 'ERROR'}`, message: `${out.message.en} (errCode ${r.errCode})`, details: value }, exitCode: Math.min(255, Math.max(1, numeric)) });
      }
      const text = `errCode 0 (${r.errInfo || 'ok'}) on port ${out.port}: fCount ${r.fCount ?? 0}, iCount ${r.iCount ?? 0}, qScore ${r.qScore.join(',')}, nmPoints ${r.nmPoints.join(',') || '-'}\ndevice ${d?.mi} ${d?.rdsId} dc ${d?.dc}\nPID block: ${out.payload.length} bytes, sha256 ${out.payload.sha256} (not shown)`;
      return report(io, json, { ok: true, value, text });
    }
    throw new KioskError('E_CLI_USAGE', `unknown verb "${verb ?? ''}": use discover, info or capture\nUsage: ${rdCommand.usage}`);
  },
};
