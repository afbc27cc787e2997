/** Every `vdex` subcommand, in the order `--help` lists them. Add yours here. */
import type { CliCommand } from '../command';
import { configCommand } from './config';
import { infoCommand } from './info';

export const commands: CliCommand[] = [infoCommand, configCommand];
