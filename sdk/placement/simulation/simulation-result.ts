import type { PlanEndpoint } from '../planning/problem.js';
import type { PlacementPolicy, WorkflowBudget } from '../policy.js';

/** A simulated endpoint: a planning endpoint plus what only a simulation draws at random. */
export interface SimEndpoint extends PlanEndpoint {
  /** Probability that the endpoint is online for the run (default 1). */
  readonly availability?: number;
  /** Coefficient of variation of run times (lognormal noise, default 0). */
  readonly noiseCv?: number;
}

/** Options of {@link simulate}. */
export interface SimulateOptions {
  readonly policy: string | PlacementPolicy;
  readonly budget?: WorkflowBudget;
  readonly seed?: string | number;
  /** Solver time limit for `optimal`. */
  readonly timeLimitS?: number;
  /** Ablation: the policy places (and plans) as if data moved for free; the simulation still charges the real transfers. */
  readonly dataBlind?: boolean;
}

/** One task as it ran in the simulation. */
export interface SimPlacement {
  readonly task: string;
  readonly endpoint: string;
  readonly startS: number;
  readonly endS: number;
  readonly attempts: number;
  /** Seconds the task was expected to take there (run time plus cold start, before noise and preemptions). */
  readonly expectedS: number;
  /** What it was expected to cost there. */
  readonly expectedUsd: number;
  /** What it cost, preempted attempts included. */
  readonly usd: number;
  readonly joules: number;
}

/**
 * What a simulation measured. Field names are those of `corral simulate --json`.
 */
export interface SimulationResult {
  readonly simulated: true;
  readonly tasks: number;
  readonly policy: string;
  readonly makespanS: number;
  readonly costUsd: number;
  readonly joules: number;
  readonly budgetUsd: number | null;
  readonly placements: readonly SimPlacement[];
  readonly preemptions: number;
  readonly offline: readonly string[];
  readonly seed: string;
  /** Makespan the policy's plan predicted (whole-DAG policies), for comparison. */
  readonly plannedMakespanS?: number;
  /** Set when the budget guard stopped the run: the reason, naming the task. */
  readonly stoppedBy?: string;
  readonly notes: readonly string[];
}
