/** One task of a plan: where, when, and what it costs. */
export interface PlannedTask {
  readonly task: string;
  readonly endpoint: string;
  readonly startS: number;
  readonly endS: number;
  /** Run seconds including any cold start. */
  readonly seconds: number;
  readonly coldStartS: number;
  /** Seconds spent waiting for inputs to arrive before the start. */
  readonly transferS: number;
  readonly usd: number;
  readonly joules: number;
}

/**
 * A whole-workflow plan: per-task endpoint, start, seconds, USD, joules.
 *
 * @example
 * ```ts
 * const plan = await planWorkflow(problem, { policy: 'budget-heft', budget: { usd: 2 } });
 * console.log(plan.makespanS, plan.usd, plan.tasks[0]);
 * ```
 */
export interface Plan {
  readonly policy: string;
  readonly makespanS: number;
  readonly usd: number;
  readonly joules: number;
  /** In start order. */
  readonly tasks: readonly PlannedTask[];
  /** What the planner wants the user to know (fallbacks, solver gaps). */
  readonly notes: readonly string[];
  /** For the MILP planner: solver status and relative optimality gap. */
  readonly optimality?: { readonly status: string; readonly gap: number; readonly solver: string };
}
