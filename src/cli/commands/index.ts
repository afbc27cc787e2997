/**
 * Every `vdex` subcommand, in the order `--help` lists them. Add yours here.
 * Loaded lazily: running one command imports only its module (the CLI also
 * starts the demo RD simulators, so start-up time matters).
 */
import type { CliCommand } from '../command';

export interface CommandEntry {
  name: string;
  load(): Promise<CliCommand>;
}

export const commands: CommandEntry[] = [
  { name: 'info', load: () => import('./info').then((m) => m.infoCommand) },
  { name: 'config', load: () => import('./config').then((m) => m.configCommand) },
  { name: 'logs', load: () => import('./logs').then((m) => m.logsCommand) },
  { name: 'server', load: () => import('./server').then((m) => m.serverCommand) },
  { name: 'aml', load: () => import('./aml').then((m) => m.amlCommand) },
  { name: 'db', load: () => import('./db').then((m) => m.dbCommand) },
  { name: 'rd', load: () => import('./rd').then((m) => m.rdCommand) },
  { name: 'simulate', load: () => import('./simulate').then((m) => m.simulateCommand) },
  { name: 'qr', load: () => import('./qr').then((m) => m.qrCommand) },
  { name: 'scanners', load: () => import('./scanners').then((m) => m.scannersCommand) },
];
