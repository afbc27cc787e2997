/**
 * `vdex simulate <peer>`: development and test peers. Each peer is a sub-verb
 * in `simulators` below (rd now; more can be added). Runs until SIGINT/SIGTERM.
 * The CLI may import simulators/ (it is a dev tool); src/main may not.
 */
import { parseArgs } from 'node:util';
import { KioskError } from '../../shared/errors';
import { FAULTS, isFault, isPersonalityName, PERSONALITIES, readPresentation, startControlServer, startRdSimulator } from '../../../simulators/rd-service';
import { DEMO_SUBJECT } from '../../devices/rd/pid/synthetic-biometrics';
import type { CliIo } from '../command';
import type { CliCommand } from '../command';

type Simulator = { usage: string; run(args: string[], io: CliIo, until: Promise<void>): Promise<number> };

const rd: Simulator = {
  usage: `vdex simulate rd [--port N | --port-range 11100-11120] [--modality finger|iris] [--personality ${PERSONALITIES.join('|')}] [--seed S] [--subject S] [--position POSH] [--quality good|poor|none|1-100] [--tls] [--capture-delay MS] [--control-port N] [--fault ${FAULTS.join('|')}]... [--status READY|NOTREADY|USED] [--cert-days D] [--stdin-lifeline] [--json]`,
  async run(args, io, until) {
    const { values } = parseArgs({
      args,
      options: {
        port: { type: 'string' }, 'port-range': { type: 'string' }, modality: { type: 'string' }, personality: { type: 'string' },
        seed: { type: 'string' }, tls: { type: 'boolean' }, 'capture-delay': { type: 'string' }, 'control-port': { type: 'string' },
        fault: { type: 'string', multiple: true }, status: { type: 'string' }, 'cert-days': { type: 'string' }, json: { type: 'boolean' },
        'stdin-lifeline': { type: 'boolean' }, subject: { type: 'string' }, position: { type: 'string' }, quality: { type: 'string' },
      },
    });
    const modality = values.modality ?? 'finger';
    if (modality !== 'finger' && modality !== 'iris') throw new KioskError('E_CLI_USAGE', '--modality must be finger or iris');
    const personality = values.personality ?? 'spec';
    if (!isPersonalityName(personality)) throw new KioskError('E_CLI_USAGE', `--personality must be one of ${PERSONALITIES.join(', ')}`);
    const faults = (values.fault ?? []).map((f) => {
      if (!isFault(f)) throw new KioskError('E_CLI_USAGE', `--fault must be one of ${FAULTS.join(', ')}`);
      return { fault: f };
    });
    const status = values.status ?? 'READY';
    if (status !== 'READY' && status !== 'NOTREADY' && status !== 'USED') throw new KioskError('E_CLI_USAGE', '--status must be READY, NOTREADY or USED');
    const num = (name: string, v: string | undefined) => {
      if (v === undefined) return undefined;
      if (!/^-?\d+$/.test(v)) throw new KioskError('E_CLI_USAGE', `--${name} must be a whole number`);
      return Number(v);
    };
    const range = values['port-range'] ? /^(\d+)-(\d+)$/.exec(values['port-range']) : undefined;
    if (values['port-range'] && !range) throw new KioskError('E_CLI_USAGE', '--port-range must look like 11100-11120');
    // Who is at the sensor. Default: the uidai-sandbox's first test resident, so a demo onboarding with them matches.
    const quality = values.quality !== undefined && /^\d+$/.test(values.quality) ? Number(values.quality) : values.quality;
    const who = readPresentation({ subject: values.subject ?? DEMO_SUBJECT, position: values.position, quality }, DEMO_SUBJECT);
    if (!who.ok) throw new KioskError('E_CLI_USAGE', `--subject/--position/--quality: ${who.error}`);
    let sim;
    try {
      sim = await startRdSimulator({
        modality, personality, seed: values.seed, tls: values.tls ?? false, faults, status,
        port: num('port', values.port) ?? (range ? undefined : 11100),
        portRange: range ? [Number(range[1]), Number(range[2])] : undefined,
        captureDelayMs: num('capture-delay', values['capture-delay']),
        certValidityDays: num('cert-days', values['cert-days']),
        subject: who.value.subject, quality: who.value.quality, ...(who.value.position ? { position: who.value.position } : {}),
      });
    } catch (e) {
      throw new KioskError('E_SIM_PORT_BUSY', `The simulator could not listen: ${e instanceof Error ? e.message : String(e)}`);
    }
    const control = await startControlServer(sim, num('control-port', values['control-port']) ?? 0);
    const facts = { event: 'listening', subject: who.value.subject, port: sim.port, scheme: sim.scheme, controlPort: control.port, modality, personality, dpId: sim.device.dpId, rdsId: sim.device.rdsId, mi: sim.device.mi };
    io.out(values.json ? JSON.stringify(facts) : `RD simulator (${personality}, ${modality}) on ${sim.scheme}://127.0.0.1:${sim.port}; control on http://127.0.0.1:${control.port}. Ctrl+C stops it.`);
    // With --stdin-lifeline the peer also stops when its parent's pipe closes (the parent died without stopping it).
    const lifeline = values['stdin-lifeline']
      ? new Promise<void>((resolve) => { process.stdin.on('end', resolve).on('close', resolve).on('error', resolve).resume(); })
      : new Promise<void>(() => {});
    await Promise.race([until, lifeline]);
    process.stdin.pause();
    await control.close();
    await sim.close();
    return 0;
  },
};

const simulators: Record<string, Simulator> = { rd };

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export const simulateCommand: CliCommand = {
  name: 'simulate',
  summary: 'Run a development peer (rd: a conformant UIDAI RD service) until Ctrl+C',
  usage: Object.values(simulators).map((s) => s.usage).join('\n       '),
  async run(args, io) {
    const [peer, ...rest] = args;
    const sim = peer ? simulators[peer] : undefined;
    if (!sim) throw new KioskError('E_CLI_USAGE', `simulate what? one of: ${Object.keys(simulators).join(', ')}\nUsage: ${simulateCommand.usage}`);
    return sim.run(rest, io, untilSignal());
  },
};
