import type { Command } from 'commander';
import { registerBench } from './bench.js';
import { registerSimulate } from './simulate.js';
import { registerPlan } from './plan.js';
import { registerRun } from './run.js';
import { registerResume } from './resume.js';
import { registerRuns } from './runs.js';
import { registerShow } from './show.js';
import { registerReport } from './report.js';
import { registerProfile } from './profile.js';
import { registerBuild } from './build.js';
import { registerGraph } from './graph.js';
import { registerSpot } from './spot.js';
import { registerInit } from './init.js';

/** Adds one subcommand to the `corral` program. */
export type RegisterCommand = (program: Command) => void;

/** Every subcommand, in the order `corral --help` lists them. */
export const commands: RegisterCommand[] = [
  registerInit,
  registerRun,
  registerResume,
  registerRuns,
  registerShow,
  registerReport,
  registerBench,
  registerSimulate,
  registerPlan,
  registerProfile,
  registerBuild,
  registerGraph,
  registerSpot,
];
