import type { Prediction } from '../profiling/index.js';
import type { CostEstimate } from '../pricing/index.js';
import type { Plan } from './planning/plan.js';
import type { PlanningProblem } from './planning/problem.js';

/**
 * An endpoint as a placement policy sees it. Placement never imports an
 * endpoint: the runtime hands it this view.
 */
export interface CandidateEndpoint {
  readonly name: string;
  readonly kind: string;
  readonly workers: number;
  readonly transferGroup: string;
  /** Attempts running or waiting on this endpoint now (corral's own count plus the endpoint's queue). */
  readonly load: number;
  readonly idleWorkers: number;
  /** Predicted run seconds of this call here. */
  readonly prediction: Prediction;
  /** Predicted seconds before the call can start here (queue wait). */
  readonly queueWaitS: number;
  /** Predicted cold start seconds here (0 when warm). */
  readonly coldStartS: number;
  /** Predicted seconds to move the call's inputs here (0 when already here). */
  readonly transferS: number;
  /** Predicted dollars to move the call's inputs here (egress; included in `cost.usd`). */
  readonly transferUsd?: number;
  /** Estimated cost of the call here, moving its inputs included. */
  readonly cost: CostEstimate;
  /**
   * Fewest seconds the rest of the workflow can take after this call ends
   * here (its successors on their best endpoints, its output moved to them),
   * given by a driver that knows the whole graph (`corral simulate`, `corral
   * plan`); absent in a real run, whose graph unfolds as it goes.
   */
  readonly downstreamS?: number;
}

/** One input of a call: its size, and the transfer group (site) where it is now. */
export interface CallInput {
  readonly bytes: number;
  /** Transfer group holding the value: the client's ('client'), or the endpoint group that produced and kept it. */
  readonly site: string;
}

/** The call being placed. */
export interface PlacementTask {
  readonly callId: string;
  readonly taskId: string;
  readonly attempt: number;
  readonly features: Readonly<Record<string, number>>;
  readonly inputBytes: number;
  /** Transfer groups where the call's inputs already are. */
  readonly dataLocations: readonly string[];
  /** Each input with its size and site, where known: what moving data to each endpoint costs. */
  readonly inputs?: readonly CallInput[];
}

/** Budget left for the workflow the call belongs to, if it has one. */
export interface PlacementBudget {
  readonly remainingUsd?: number;
  readonly remainingJoules?: number;
  readonly remainingSeconds?: number;
  readonly onExceed: 'fail' | 'degrade';
}

/** Everything a policy may use to decide. `candidates` is never empty. */
export interface PlacementContext {
  readonly task: PlacementTask;
  readonly candidates: readonly CandidateEndpoint[];
  readonly budget?: PlacementBudget;
  /** Seconds since the run started. */
  readonly now: number;
}

/** Where the call goes, and why (shown in logs and the report). */
export interface Decision {
  readonly endpoint: string;
  readonly reason?: string;
}

/**
 * The PlacementPolicy seam. A custom policy is any object with a name and a
 * `place(ctx)` method, registered with {@link registerPolicy}.
 *
 * @example
 * ```ts
 * registerPolicy({
 *   name: 'prefer-idle',
 *   place: (ctx) => ({ endpoint: [...ctx.candidates].sort((a, b) => b.idleWorkers - a.idleWorkers)[0]!.name }),
 * });
 * ```
 */
export interface PlacementPolicy {
  readonly name: string;
  place(ctx: PlacementContext): Decision;
  /**
   * Whole-workflow policies (heft, budget-heft, optimal) also plan a static
   * graph at once; online-only policies leave this out and are planned
   * through `place` by the runtime's dispatcher on a virtual clock.
   */
  plan?(problem: PlanningProblem, options: PlanOptions): Plan | Promise<Plan>;
  /**
   * An online policy that weighs moving data sets this: a driver that knows
   * the whole workflow (`corral simulate`, `corral plan`) tries it both as it
   * is and data-blind on a noise-free virtual run, and places every call in
   * the mode that finished the workflow first (delta does).
   */
  readonly lookahead?: boolean;
}

/** A workflow's budget, as `@costBudget` on the orchestrating method gives it. */
export interface WorkflowBudget {
  readonly usd?: number;
  readonly joules?: number;
  readonly deadlineS?: number;
}

/** Options of a whole-workflow plan. */
export interface PlanOptions {
  readonly budget?: WorkflowBudget;
  /** Solver time limit for the optimal policy (seconds, default 10). */
  readonly timeLimitS?: number;
}
