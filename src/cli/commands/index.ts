/** Every `vdex` subcommand, in the order `--help` lists them. Add yours here. */
import type { CliCommand } from '../command';
import { amlCommand } from './aml';
import { configCommand } from './config';
import { infoCommand } from './info';
import { logsCommand } from './logs';
import { serverCommand } from './server';

export const commands: CliCommand[] = [infoCommand, configCommand, logsCommand, serverCommand, amlCommand];
