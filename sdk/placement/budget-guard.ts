import { errorFunction } from 'simple-statistics';
import { quantileForConfidence, type CostEstimate } from '../pricing/index.js';
import { PlanningInputError } from './errors.js';

/** A budget the guard keeps: any of dollars, joules and a deadline, what to do past it, and at which confidence. */
export interface GuardedBudget {
  readonly usd?: number;
  readonly joules?: number;
  /** Seconds from the start of the workflow (or of the call, for a per-call budget). */
  readonly deadlineS?: number;
  /** `degrade`: move to the endpoints that keep the budget; `fail` (default): stop. */
  readonly onExceed?: 'fail' | 'degrade';
  /** Probability that the projection holds (default 0.9): estimates are read at their matching upper quantile. */
  readonly confidence?: number;
}

/** A projected amount: mean and standard deviation. */
export interface Projection {
  readonly mean: number;
  readonly stdev?: number;
}

/** Where the run stands when a task is about to start. */
export interface BudgetState {
  /** The task about to start (named in the reason). */
  readonly task: string;
  /** `call`: a per-call budget, which this call alone must keep (default `workflow`). */
  readonly scope?: 'workflow' | 'call';
  /** Spent by finished attempts. */
  readonly spent?: { readonly usd?: number; readonly joules?: number };
  /** Predicted for attempts running or queued now. */
  readonly committed?: { readonly usd?: number; readonly joules?: number };
  /** Seconds since the workflow started. */
  readonly elapsedS?: number;
  /** Dollars of every task not yet started (this one excluded), when the workflow is known ahead. */
  readonly restUsd?: Projection;
}

/** An endpoint the task could start on, and what it would cost there. */
export interface PricedCandidate {
  readonly name: string;
  readonly cost: CostEstimate;
}

/** Which limit a start would break, and by how much. */
export interface GuardBreach {
  readonly resource: 'usd' | 'joules' | 'deadlineS';
  readonly limit: number;
  readonly projected: number;
}

/** The guard's answer: go ahead, move to the candidates that keep the budget, or stop; `reason` names the task. */
export interface BudgetVerdict<C extends PricedCandidate = PricedCandidate> {
  readonly action: 'allow' | 'degrade' | 'stop';
  /** `task <id>: ` followed by the detail. */
  readonly reason: string;
  /** Why, without the task's name. */
  readonly detail: string;
  /** The candidates the task may start on (empty when it must stop). */
  readonly allowed: readonly C[];
  /** The limit broken by the cheapest candidate (`stop`) or by the policy's favourites (`degrade`). */
  readonly breach?: GuardBreach;
}

/**
 * corral's one budget guard, used by the runtime before every start and by
 * the simulator: it projects the total at the budget's confidence (spent +
 * committed + this task on the candidate at its upper quantile + the rest of
 * the workflow at mean + z·stdev) and answers allow, degrade (only some
 * candidates keep the budget and `onExceed` is `degrade`) or stop. It never
 * allows a start that would knowingly go past the budget.
 *
 * @example
 * ```ts
 * const guard = new BudgetGuard({ usd: 2, onExceed: 'degrade', confidence: 0.9 });
 * const v = guard.check({ task: 'classify#17', spent: { usd: 1.2 }, restUsd: { mean: 0.4, stdev: 0.1 } }, candidates);
 * if (v.action === 'stop') throw new Error(v.reason);
 * const allowed = v.allowed; // what the placement policy may choose from
 * ```
 */
export class BudgetGuard {
  private readonly quantile: string;
  private readonly confidence: number;
  /** The normal quantile of the confidence: the same for every projection, so computed once. */
  private readonly zScore: number;
  /** The allow verdict's texts of the last task checked, per scope: a run asks before every placement and start. */
  private readonly allowTexts: Record<'workflow' | 'per-call', { task?: string; detail: string; reason: string }>;

  constructor(readonly budget: GuardedBudget) {
    for (const field of ['usd', 'joules', 'deadlineS'] as const) {
      const v = budget[field];
      if (v !== undefined && !(v >= 0)) throw new PlanningInputError(`budget.${field}`, `must be a number >= 0 (got ${v})`);
    }
    this.confidence = budget.confidence ?? 0.9;
    if (!(this.confidence >= 0.5 && this.confidence < 1)) throw new PlanningInputError('budget.confidence', `must be a probability in [0.5, 1) (got ${this.confidence})`);
    this.quantile = quantileForConfidence(this.confidence);
    this.zScore = normalQuantile(this.confidence);
    const pct = `${Math.round(this.confidence * 100)}%`;
    const allowDetail = (scope: string) => ({ detail: `every endpoint keeps the ${scope} budget at ${pct}`, reason: '' });
    this.allowTexts = { workflow: allowDetail('workflow'), 'per-call': allowDetail('per-call') };
  }

  check<C extends PricedCandidate>(state: BudgetState, candidates: readonly C[]): BudgetVerdict<C> {
    const b = this.budget;
    const workflow = state.scope !== 'call';
    if (workflow && b.deadlineS !== undefined && (state.elapsedS ?? 0) > b.deadlineS) {
      return verdict(state, 'stop', [], `the workflow is past its deadline of ${b.deadlineS} s`, { resource: 'deadlineS', limit: b.deadlineS, projected: state.elapsedS! });
    }
    const scope = workflow ? 'workflow' : 'per-call';
    // The usual answer, without a filtered copy, new texts or a closure: every candidate keeps the budget.
    if (this.allKeep(state, candidates)) {
      const texts = this.allowTexts[scope];
      if (texts.task !== state.task) {
        texts.task = state.task;
        texts.reason = `task ${state.task}: ${texts.detail}`;
      }
      return { action: 'allow', allowed: candidates, detail: texts.detail, reason: texts.reason };
    }
    const breachOf = (c: C) => this.breach(state, c.cost);
    const within = candidates.filter((c) => !breachOf(c));
    const pct = `${Math.round(this.confidence * 100)}%`;
    if (within.length === 0) {
      const cheapest = [...candidates].sort((x, y) => x.cost.usd - y.cost.usd || x.cost.joules - y.cost.joules)[0];
      const breach = cheapest ? breachOf(cheapest) : undefined;
      return verdict(state, 'stop', [], `no endpoint keeps the ${scope} budget at ${pct}${cheapest ? ` (cheapest: ${cheapest.name}, ${describe(breach!)})` : ''}`, breach);
    }
    const over = candidates.filter((c) => !within.includes(c));
    const breach = breachOf(over[0]!)!;
    if ((b.onExceed ?? 'fail') === 'degrade') {
      return verdict(state, 'degrade', within, `${over.map((c) => c.name).join(', ')} would break the ${scope} budget at ${pct} (${describe(breach)}); moving to ${within.map((c) => c.name).join(', ')}`, breach);
    }
    return verdict(state, 'stop', [], `${over.map((c) => c.name).join(', ')} would break the ${scope} budget at ${pct} (${describe(breach)}) and onExceed is "fail"`, breach);
  }

  private allKeep(state: BudgetState, candidates: readonly PricedCandidate[]): boolean {
    for (const c of candidates) if (this.breach(state, c.cost)) return false;
    return true;
  }

  /** The first limit a start on this cost would break, or undefined. */
  private breach(state: BudgetState, cost: CostEstimate): GuardBreach | undefined {
    const b = this.budget;
    const high = cost.quantiles?.[this.quantile] ?? cost;
    const workflow = state.scope !== 'call';
    if (b.usd !== undefined) {
      const rest = workflow && state.restUsd ? state.restUsd.mean + this.z(state.restUsd) : 0;
      // Never knowingly: even the mean of this start alone must fit.
      const base = workflow ? spentAndCommitted(state, 'usd') : 0;
      const projected = Math.max(base + high.usd + rest, base + cost.usd);
      if (projected > b.usd + 1e-12) return { resource: 'usd', limit: b.usd, projected };
    }
    if (b.joules !== undefined) {
      const projected = (workflow ? spentAndCommitted(state, 'joules') : 0) + high.joules;
      if (projected > b.joules + 1e-9) return { resource: 'joules', limit: b.joules, projected };
    }
    if (b.deadlineS !== undefined) {
      const projected = (workflow ? state.elapsedS ?? 0 : 0) + high.seconds;
      if (projected > b.deadlineS) return { resource: 'deadlineS', limit: b.deadlineS, projected };
    }
    return undefined;
  }

  private z(p: Projection): number {
    return p.stdev ? this.zScore * p.stdev : 0;
  }
}

/** What the workflow has spent and holds of one resource (before every check of a money or energy budget: no closure). */
function spentAndCommitted(state: BudgetState, r: 'usd' | 'joules'): number {
  return (state.spent?.[r] ?? 0) + (state.committed?.[r] ?? 0);
}

function verdict<C extends PricedCandidate>(state: BudgetState, action: BudgetVerdict['action'], allowed: readonly C[], detail: string, breach?: GuardBreach): BudgetVerdict<C> {
  return { action, allowed, detail, reason: `task ${state.task}: ${detail}`, ...(breach ? { breach } : {}) };
}

function describe(b: GuardBreach): string {
  const amount = (x: number) => (b.resource === 'usd' ? `$${+x.toPrecision(4)}` : b.resource === 'joules' ? `${+x.toPrecision(4)} J` : `${+x.toPrecision(4)} s`);
  return `projected ${amount(b.projected)} > ${amount(b.limit)}`;
}

/** z such that P(N(0,1) <= z) = p, by bisection on the error function (simple-statistics: fractional error under 1.2e-7). */
export function normalQuantile(p: number): number {
  let lo = -10; let hi = 10;
  for (let k = 0; k < 80; k++) {
    const mid = (lo + hi) / 2;
    if (0.5 * (1 + errorFunction(mid / Math.SQRT2)) < p) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}
