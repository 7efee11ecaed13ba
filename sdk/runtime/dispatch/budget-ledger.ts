import type { ResolvedCostBudget } from '../../decorators/index.js';
import { BudgetGuard, normalQuantile, type BudgetState, type PlacementBudget, type PricedCandidate } from '../../placement/index.js';
import { BudgetExceededError } from '../errors.js';

interface Amount { usd: number; joules: number }

/**
 * What a workflow has spent and what its admitted calls hold. A call holds
 * its predicted cost from the moment it is admitted to an endpoint (queued
 * there or in corral's own window) until its attempt ends, so calls placed at
 * the same moment cannot all count on the same dollars; a call is checked
 * again, with the predictions of that moment, when it actually starts.
 * Every check goes through the placement {@link BudgetGuard}.
 *
 * @example
 * ```ts
 * const ledger = new BudgetLedger({ usd: 0.5, onExceed: 'fail', scope: 'workflow' });
 * const allowed = ledger.allowed('T.work', 'c1', candidates, 0, undefined); // throws BudgetExceededError when none fits
 * ledger.reserve('c1', allowed[0].cost);
 * ```
 */
export class BudgetLedger {
  usd = 0;
  joules = 0;
  committedUsd = 0;
  committedJoules = 0;
  private readonly held = new Map<string, Amount>();

  constructor(readonly workflow: ResolvedCostBudget | undefined) {}

  /**
   * The candidates on which call `callId` may run within the workflow's and
   * the call's budgets (its own reservation aside), or BudgetExceededError
   * naming the task, the limit and the projection. `restUsd`, when the
   * driver knows it, is what the rest of the workflow needs at its cheapest.
   */
  allowed<C extends PricedCandidate>(taskId: string, callId: string, candidates: readonly C[], elapsedS: number, call: ResolvedCostBudget | undefined, restUsd?: number): readonly C[] {
    // Checked before every placement and start: no budget in force costs nothing, not even a copy.
    if (!this.workflow && !call) return candidates;
    // Only a limit on money or energy reads what was spent and committed (a deadline alone, the common budget, does not).
    const counts = countsSpend(this.workflow) || countsSpend(call);
    const own = counts ? this.held.get(callId) : undefined;
    const committed = counts ? { usd: this.committedUsd - (own?.usd ?? 0), joules: this.committedJoules - (own?.joules ?? 0) } : undefined;
    const spent = counts ? { usd: this.usd, joules: this.joules } : undefined;
    let allowed: readonly C[] = candidates;
    if (this.workflow) {
      const state: BudgetState = restUsd !== undefined
        ? { task: taskId, scope: 'workflow', elapsedS, spent, committed, restUsd: { mean: restUsd } }
        : { task: taskId, scope: 'workflow', elapsedS, spent, committed };
      allowed = this.check(this.workflow, state, allowed);
    }
    if (call) allowed = this.check(call, { task: taskId, scope: 'call', elapsedS, spent, committed }, allowed);
    return allowed;
  }

  private check<C extends PricedCandidate>(budget: ResolvedCostBudget, state: BudgetState, candidates: readonly C[]): readonly C[] {
    const v = guardFor(budget).check(state, candidates);
    if (v.action === 'stop') throw new BudgetExceededError(state.task, v.breach?.resource ?? 'usd', v.breach?.limit ?? 0, v.breach?.projected ?? 0, v.detail);
    return v.allowed;
  }

  /**
   * Holds `amount` for call `callId` (replacing what it held before). Only a
   * workflow budget of money or energy counts what calls hold (a per-call
   * budget or a deadline never does): without one nothing is kept, so the
   * calls waiting in a run without such a budget hold no entry here.
   */
  reserve(callId: string, amount: { readonly usd: number; readonly joules: number }): void {
    this.release(callId);
    if (!this.guardsSpend) return;
    if (!(amount.usd > 0) && !(amount.joules > 0)) return;
    const held = { usd: Math.max(0, amount.usd), joules: Math.max(0, amount.joules) };
    this.held.set(callId, held);
    this.committedUsd += held.usd;
    this.committedJoules += held.joules;
  }

  /** Gives back what call `callId` held (its attempt ended, or it moved). */
  release(callId: string): void {
    const held = this.held.get(callId);
    if (!held) return;
    this.held.delete(callId);
    this.committedUsd -= held.usd;
    this.committedJoules -= held.joules;
  }

  /** Adds what a finished (or billed failed) attempt cost. */
  charge(amount: { readonly usd: number; readonly joules: number }): void {
    this.usd += amount.usd;
    this.joules += amount.joules;
  }

  /** What the policy is told remains of the workflow budget. */
  remaining(elapsedS: number): PlacementBudget | undefined {
    const b = this.workflow;
    if (!b) return undefined;
    return {
      remainingUsd: b.usd === undefined ? undefined : b.usd - this.usd - this.committedUsd,
      remainingJoules: b.joules === undefined ? undefined : b.joules - this.joules - this.committedJoules,
      remainingSeconds: b.deadlineS === undefined ? undefined : b.deadlineS - elapsedS,
      onExceed: b.onExceed,
    };
  }

  /** z of the workflow budget's confidence (default 0.9): a run time is read at mean + z·stdev when a call starts. */
  get runQuantileZ(): number {
    return (this.z ??= normalQuantile(this.workflow?.confidence ?? 0.9));
  }

  private z: number | undefined;

  /** Calls holding an amount now. */
  get holding(): number {
    return this.held.size;
  }

  /** Whether any budget in force counts money or energy, so calls must wait where they can be checked again. */
  get guardsSpend(): boolean {
    return countsSpend(this.workflow);
  }
}

function countsSpend(budget: ResolvedCostBudget | undefined): boolean {
  return budget?.usd !== undefined || budget?.joules !== undefined;
}

// A budget's guard is built once: budgets are fixed per task definition and per run, and checked before every start.
const guards = new WeakMap<ResolvedCostBudget, BudgetGuard>();

function guardFor(budget: ResolvedCostBudget): BudgetGuard {
  let guard = guards.get(budget);
  if (!guard) guards.set(budget, (guard = new BudgetGuard(budget)));
  return guard;
}
