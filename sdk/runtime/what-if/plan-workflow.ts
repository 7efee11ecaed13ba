import { seededRandom } from '../../profiling/index.js';
import {
  compile, planWorkflow as planWithPolicy,
  type Plan, type PlannedTask, type PlacementPolicy, type PlanningProblem, type PlanWorkflowOptions,
} from '../../placement/index.js';
import { lookaheadNote, runLookingAhead } from './look-ahead.js';

/**
 * Plans a whole workflow (per task the endpoint, start, seconds, USD and
 * joules). Whole-DAG policies plan directly; an online policy is planned by
 * running the workflow through corral's dispatcher on a virtual clock, without
 * noise or preemptions, so the plan is what a real run on these endpoints
 * would do (a policy that looks ahead keeps its faster mode, as in simulate). With a budget, a plan that breaks it is replaced by budget-heft's;
 * when no plan can meet it, throws `BudgetInfeasibleError` with the cheapest
 * and fastest plans.
 *
 * @example
 * ```ts
 * const plan = await planWorkflow({ graph, endpoints }, { policy: 'delta', budget: { usd: 2 } });
 * for (const t of plan.tasks) console.log(t.task, t.endpoint, t.startS, t.seconds, t.usd);
 * ```
 */
export function planWorkflow(problem: PlanningProblem, options: PlanWorkflowOptions = {}): Promise<Plan> {
  return planWithPolicy(problem, { ...options, online: options.online ?? planOnline });
}

/** An online policy's plan: the dispatcher's run of the workflow on virtual time, as the planned table. */
export async function planOnline(problem: PlanningProblem, policy: PlacementPolicy): Promise<Plan> {
  const inst = compile(problem);
  const endpoints = problem.endpoints.map((ep) => ({ ...ep, preemptionPerHour: 0, noiseCv: 0 }));
  const out = await runLookingAhead(inst, endpoints, { policy, rng: seededRandom('plan') });
  if (out.stoppedBy !== undefined) throw new Error(`cannot plan with policy "${policy.name}": ${out.stoppedBy}`);
  const { world, recorded } = out;
  const tasks: PlannedTask[] = [];
  let usd = 0; let joules = 0; let makespanS = 0;
  for (let i = 0; i < inst.n; i++) {
    const startS = world.startS[i]!;
    const endS = world.endS[i]!;
    usd += recorded.usd[i]!;
    joules += recorded.joules[i]!;
    makespanS = Math.max(makespanS, endS);
    tasks.push({
      task: inst.ids[i]!, endpoint: endpoints[world.ranOn[i]!]!.name, startS, endS, seconds: endS - startS,
      coldStartS: world.coldUsedS[i]!, transferS: world.waitedS[i]!, usd: recorded.usd[i]!, joules: recorded.joules[i]!,
    });
  }
  return { policy: policy.name, makespanS, usd, joules, tasks: tasks.sort((a, b) => a.startS - b.startS || a.task.localeCompare(b.task)), notes: out.lookahead ? [lookaheadNote(policy.name, out.lookahead)] : [] };
}
