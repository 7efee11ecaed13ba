import { BudgetInfeasibleError, PlanningInputError } from '../errors.js';
import type { PlanOptions, PlacementPolicy, WorkflowBudget } from '../policy.js';
import { createPolicy } from '../registry.js';
import { budgetHeft } from './budget-heft.js';
import { cheapestEndpoint, heft } from './heft.js';
import { compile } from './instance.js';
import type { Plan } from './plan.js';
import type { PlanningProblem } from './problem.js';

/**
 * Plans a workflow under an online policy (one without `plan`) by running its
 * `place` as each task becomes ready. The runtime gives the one that drives its
 * dispatcher on a virtual clock, so a plan is scored under the model real runs use.
 */
export type OnlinePlanner = (problem: PlanningProblem, policy: PlacementPolicy) => Plan | Promise<Plan>;

/** Options of {@link planWorkflow}. */
export interface PlanWorkflowOptions extends PlanOptions {
  /** A registered policy name or a policy object (default `heft`). */
  readonly policy?: string | PlacementPolicy;
  /** How online policies are planned (the runtime's `planWorkflow` passes its dispatcher). */
  readonly online?: OnlinePlanner;
}

/**
 * Plans a whole workflow: per task the endpoint, start, seconds, USD and
 * joules. Whole-DAG policies plan directly; online policies are planned by
 * `options.online` through their `place`. With a budget, a plan that breaks it
 * is replaced by budget-heft's; when no plan can meet it, throws
 * {@link BudgetInfeasibleError} with the cheapest and fastest plans.
 *
 * @example
 * ```ts
 * const plan = await planWorkflow({ graph, endpoints }, { policy: 'delta', budget: { usd: 2 } });
 * for (const t of plan.tasks) console.log(t.task, t.endpoint, t.startS, t.seconds, t.usd);
 * ```
 */
export async function planWorkflow(problem: PlanningProblem, options: PlanWorkflowOptions = {}): Promise<Plan> {
  const policy = typeof options.policy === 'string' || options.policy === undefined ? createPolicy(options.policy ?? 'heft') : options.policy;
  const plan = policy.plan ? await policy.plan(problem, options) : await online(options, policy)(problem, policy);
  const budget = options.budget;
  if (!budget || meets(plan, budget)) return plan;
  const inst = compile(problem);
  const cheapest = heft(inst, (i, s) => cheapestEndpoint(inst, s, i)).toPlan('cheapest');
  const fastest = heft(inst).toPlan('heft');
  if (budget.usd !== undefined) {
    const repaired = budgetHeft(inst, budget.usd).toPlan('budget-heft', [`${policy.name}'s plan breaks the budget ($${round(plan.usd)}, ${round(plan.makespanS)} s); re-planned with budget-heft`]);
    if (meets(repaired, budget)) return repaired;
  }
  for (const p of [fastest, cheapest]) if (meets(p, budget)) return { ...p, notes: [`${policy.name}'s plan breaks the budget; used the ${p.policy} plan`] };
  throw new BudgetInfeasibleError(budget, summary(cheapest), summary(fastest));
}

function online(options: PlanWorkflowOptions, policy: PlacementPolicy): OnlinePlanner {
  if (options.online) return options.online;
  throw new PlanningInputError('policy', `"${policy.name}" places calls one at a time (it has no plan()): plan it with the runtime's planWorkflow, which runs it on the dispatcher, or pass options.online`);
}

/** Does the plan keep every part of the budget? */
export function meets(plan: Plan, budget: WorkflowBudget): boolean {
  const eps = 1e-9;
  return (budget.usd === undefined || plan.usd <= budget.usd * (1 + eps) + eps)
    && (budget.joules === undefined || plan.joules <= budget.joules * (1 + eps) + eps)
    && (budget.deadlineS === undefined || plan.makespanS <= budget.deadlineS * (1 + eps) + eps);
}

function summary(p: Plan) {
  return { policy: p.policy, makespanS: p.makespanS, usd: p.usd, joules: p.joules };
}

function round(x: number): number {
  return +x.toPrecision(4);
}
