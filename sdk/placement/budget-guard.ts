import { mathjs } from '../profiling/index.js';
import { PlanningInputError } from './errors.js';

/** A projected amount: mean and standard deviation. */
export interface Projection {
  readonly mean: number;
  readonly stdev?: number;
}

/** What the runtime knows when it is about to start a task. */
export interface BudgetState {
  /** The task about to start (named in the reason). */
  readonly task: string;
  /** Dollars spent by finished attempts. */
  readonly spentUsd: number;
  /** Predicted dollars of attempts running now. */
  readonly committedUsd?: number;
  /** This task on the endpoint the policy chose. */
  readonly taskUsd: Projection;
  /** This task on its cheapest endpoint. */
  readonly cheapestTaskUsd: Projection;
  /** Every task not yet started (this one excluded), as planned. */
  readonly restUsd?: Projection;
  /** Every task not yet started (this one excluded), on cheapest endpoints. */
  readonly cheapestRestUsd?: Projection;
}

/** The guard's answer: go ahead, move to cheaper endpoints, or stop; `reason` names the task. */
export interface BudgetVerdict {
  readonly action: 'allow' | 'degrade' | 'stop';
  readonly reason: string;
  /** Projected total at the guard's confidence for the chosen endpoint. */
  readonly projectedUsd: number;
}

/**
 * The run-time budget guard: before each task starts, projects the
 * workflow's total spend at the chosen confidence (mean + z * stdev) and says
 * allow, degrade (cheaper endpoints still fit) or stop. It never allows a
 * start that would knowingly spend past the budget.
 *
 * @example
 * ```ts
 * const guard = new BudgetGuard({ usd: 2, onExceed: 'degrade', confidence: 0.9 });
 * const v = guard.check({ task: 'classify#17', spentUsd: 1.2, taskUsd: { mean: 0.3, stdev: 0.1 }, cheapestTaskUsd: { mean: 0.05 }, restUsd: { mean: 0.6, stdev: 0.2 }, cheapestRestUsd: { mean: 0.2 } });
 * if (v.action === 'stop') throw new Error(v.reason);
 * ```
 */
export class BudgetGuard {
  readonly z: number;
  constructor(readonly budget: { readonly usd: number; readonly onExceed?: 'fail' | 'degrade'; readonly confidence?: number }) {
    if (!(budget.usd >= 0)) throw new PlanningInputError('budget.usd', `must be a number of dollars >= 0 (got ${budget.usd})`);
    const c = budget.confidence ?? 0.9;
    if (!(c >= 0.5 && c < 1)) throw new PlanningInputError('budget.confidence', `must be a probability in [0.5, 1) (got ${c})`);
    this.z = normalQuantile(c);
  }

  check(s: BudgetState): BudgetVerdict {
    const limit = this.budget.usd;
    const base = s.spentUsd + (s.committedUsd ?? 0);
    const at = (task: Projection, rest: Projection | undefined) => base + task.mean + (rest?.mean ?? 0) + this.z * Math.hypot(task.stdev ?? 0, rest?.stdev ?? 0);
    const projected = at(s.taskUsd, s.restUsd);
    const cheap = at(s.cheapestTaskUsd, s.cheapestRestUsd ?? s.restUsd);
    const pct = `${Math.round((this.budget.confidence ?? 0.9) * 100)}%`;
    const money = (x: number) => `$${+x.toPrecision(4)}`;
    if (base + s.cheapestTaskUsd.mean > limit) {
      return { action: 'stop', projectedUsd: projected, reason: `task ${s.task}: starting it would spend past the budget (${money(base)} spent or committed + at least ${money(s.cheapestTaskUsd.mean)} > ${money(limit)})` };
    }
    if (projected <= limit) return { action: 'allow', projectedUsd: projected, reason: `task ${s.task}: projected ${money(projected)} at ${pct} within ${money(limit)}` };
    if ((this.budget.onExceed ?? 'fail') === 'degrade' && cheap <= limit) {
      return { action: 'degrade', projectedUsd: projected, reason: `task ${s.task}: projected ${money(projected)} at ${pct} breaks the budget of ${money(limit)}; moving to cheaper endpoints (projected ${money(cheap)})` };
    }
    return { action: 'stop', projectedUsd: projected, reason: `task ${s.task}: projected ${money(projected)} at ${pct} breaks the budget of ${money(limit)}${(this.budget.onExceed ?? 'fail') === 'degrade' ? ` and even the cheapest endpoints project ${money(cheap)}` : ' (onExceed: fail)'}; stopping before it starts` };
  }
}

/** z such that P(N(0,1) <= z) = p, by bisection on mathjs's erf. */
export function normalQuantile(p: number): number {
  let lo = -10; let hi = 10;
  for (let k = 0; k < 80; k++) {
    const mid = (lo + hi) / 2;
    if (0.5 * (1 + (mathjs().erf(mid / Math.SQRT2) as number)) < p) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}
