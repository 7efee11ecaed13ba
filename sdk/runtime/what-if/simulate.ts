import { compile, type SimPlacement, type SimulateOptions, type SimulationResult } from '../../placement/index.js';
import { simulationSetup, type SimulationProblem } from './simulation-setup.js';
import { lookaheadNote, runLookingAhead } from './look-ahead.js';

/**
 * Simulates a workflow on simulated endpoints by driving corral's dispatcher
 * on a virtual clock: the same candidates (prediction, cold start, queue wait,
 * transfer, cost), policy calls, budget guard, retries, failover and attempts
 * as a real run, with workers, speed, cold starts, transfers between groups,
 * prices, spot preemptions (the attempt fails, is paid, and is retried) and
 * availability drawn from a seeded generator, so a seed gives the same run.
 * Whole-DAG policies (heft, budget-heft, optimal) plan first and the
 * dispatcher follows the plan; online policies decide as each task becomes
 * ready (a policy that looks ahead, like delta, runs in the data-aware or
 * data-blind mode that finished first on a noise-free trial). A USD budget degrades calls to cheaper endpoints, or stops the run
 * with the reason.
 *
 * @example
 * ```ts
 * const r = await simulate({ graph: readWorkflowFile('Montage_25.xml'), endpoints }, { policy: 'delta', seed: 1 });
 * console.log(r.makespanS, r.costUsd);
 * ```
 */
export async function simulate(problem: SimulationProblem, options: SimulateOptions): Promise<SimulationResult> {
  const { seed, rng, offline, live, policy, notes, plan } = await simulationSetup(problem, options);
  const { endpoints } = live;
  const budgetUsd = options.budget?.usd;
  const planned = plan && new Map(plan.tasks.map((t) => [t.task, t.endpoint]));
  const inst = compile(live);
  const out = await runLookingAhead(inst, endpoints, { policy, rng, dataBlind: options.dataBlind === true, ...(budgetUsd !== undefined ? { budgetUsd } : {}), ...(planned ? { planned } : {}) });
  const { world, recorded } = out;
  const placements: SimPlacement[] = [];
  let usd = 0; let joules = 0; let makespanS = 0;
  for (let i = 0; i < inst.n; i++) {
    usd += recorded.usd[i]!;
    joules += recorded.joules[i]!;
    if (!out.done[i]) continue;
    makespanS = Math.max(makespanS, world.endS[i]!);
    placements.push({
      task: inst.ids[i]!, endpoint: endpoints[world.ranOn[i]!]!.name, startS: world.startS[i]!, endS: world.endS[i]!, attempts: recorded.attempts[i]!,
      expectedS: recorded.expectedS[i]!, expectedUsd: recorded.expectedUsd[i]!, usd: recorded.usd[i]!, joules: recorded.joules[i]!,
    });
  }
  if (options.dataBlind) notes.push('data-blind: placed as if data moved for free; transfers charged as they happen');
  const looked = out.lookahead && lookaheadNote(policy.name, out.lookahead);
  // A budget check planned the same noise-free trial already: say it once.
  if (looked && !notes.includes(looked)) notes.push(looked);
  notes.push(...out.notes);
  return {
    simulated: true, tasks: inst.n, policy: policy.name, makespanS, costUsd: usd, joules,
    budgetUsd: budgetUsd ?? null,
    placements: placements.sort((a, b) => a.startS - b.startS || a.task.localeCompare(b.task)),
    preemptions: recorded.preemptions, offline, seed,
    ...(plan ? { plannedMakespanS: plan.makespanS } : {}),
    ...(out.stoppedBy !== undefined ? { stoppedBy: out.stoppedBy } : {}), notes,
  };
}
