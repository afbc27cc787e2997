/** Every `vdex` subcommand, in the order `--help` lists them. Add yours here. */
import type { CliCommand } from '../command';
import { amlCommand } from './aml';
import { configCommand } from './config';
import { dbCommand } from './db';
import { infoCommand } from './info';
import { qrCommand } from './qr';
import { scannersCommand } from './scanners';
import { logsCommand } from './logs';
import { rdCommand } from './rd';
import { serverCommand } from './server';
import { simulateCommand } from './simulate';

export const commands: CliCommand[] = [infoCommand, configCommand, logsCommand, serverCommand, amlCommand, dbCommand, rdCommand, simulateCommand, qrCommand, scannersCommand];
