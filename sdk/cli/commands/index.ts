import type { Command } from 'commander';
import { registerBench } from './bench.js';
import { registerRun } from './run.js';
import { registerResume } from './resume.js';
import { registerRuns } from './runs.js';
import { registerShow } from './show.js';

/** Adds one subcommand to the `corral` program. */
export type RegisterCommand = (program: Command) => void;

/** Every subcommand, in the order `corral --help` lists them. */
export const commands: RegisterCommand[] = [
  registerRun,
  registerResume,
  registerRuns,
  registerShow,
  registerBench,
];
