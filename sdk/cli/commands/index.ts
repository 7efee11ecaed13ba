import type { Command } from 'commander';
import { registerBench } from './bench.js';

/** Adds one subcommand to the `corral` program. */
export type RegisterCommand = (program: Command) => void;

/** Every subcommand, in the order `corral --help` lists them. */
export const commands: RegisterCommand[] = [
  registerBench,
];
