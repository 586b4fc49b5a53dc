/**
 * The `hardened-go` commands, in the order `hardened-go --help` lists them.
 * Adding a command: one file in this folder exporting a Command, one line here.
 */
import type { Command } from '../command';
import { checkCommand } from './check';
import { fixCommand } from './fix';
import { newCommand } from './new';
import { renderCommand } from './render';
import { rolloutCommand } from './rollout';
import { rulesCommand } from './rules';

export const COMMANDS: readonly Command[] = [checkCommand, fixCommand, rolloutCommand, rulesCommand, renderCommand, newCommand];
