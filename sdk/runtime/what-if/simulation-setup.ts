import { seededRandom } from '../../profiling/index.js';
import { createPolicy, dataBlindProblem, PlanningInputError, type Plan, type PlacementPolicy, type PlanningProblem, type SimEndpoint, type SimulateOptions } from '../../placement/index.js';
import { planWorkflow } from './plan-workflow.js';

/** A simulation's problem as {@link simulate} receives it: endpoints may carry availability and noise. */
export type SimulationProblem = Omit<PlanningProblem, 'endpoints'> & { readonly endpoints: readonly SimEndpoint[] };

/** What a simulation starts from: its generator, the endpoints drawn online, the policy, and a whole-workflow policy's plan. */
export interface SimulationSetup {
  readonly seed: string;
  readonly rng: () => number;
  readonly offline: readonly string[];
  readonly live: SimulationProblem;
  readonly policy: PlacementPolicy;
  readonly notes: string[];
  /** The plan a whole-workflow policy made (absent for online policies). */
  readonly plan?: Plan;
}

/**
 * Draws which endpoints are online from the seed (failing when none is),
 * resolves the policy, and plans first when the policy plans whole workflows
 * or a budget is given (a budget no plan can meet fails here, before anything
 * runs). Data-blind, it plans as if data moved for free.
 *
 * @example
 * ```ts
 * const { rng, live, policy, plan } = await simulationSetup(problem, { policy: 'heft', seed: 1 });
 * ```
 */
export async function simulationSetup(problem: SimulationProblem, options: SimulateOptions): Promise<SimulationSetup> {
  const seed = String(options.seed ?? 1);
  const rng = seededRandom(seed);
  const offline = problem.endpoints.filter((e) => rng() >= (e.availability ?? 1)).map((e) => e.name);
  const endpoints = problem.endpoints.filter((e) => !offline.includes(e.name));
  if (endpoints.length === 0) throw new PlanningInputError('endpoints', `all ${problem.endpoints.length} endpoints are offline in this simulation (seed ${seed}): ${offline.join(', ')}`);
  const live = { ...problem, endpoints };
  const policy = typeof options.policy === 'string' ? createPolicy(options.policy) : options.policy;
  const notes: string[] = offline.length ? [`offline for this run: ${offline.join(', ')}`] : [];
  if (!policy.plan && !options.budget) return { seed, rng, offline, live, policy, notes };
  const plan = await planWorkflow(options.dataBlind ? dataBlindProblem(live) : live, { policy, budget: options.budget, timeLimitS: options.timeLimitS });
  notes.push(...plan.notes);
  return { seed, rng, offline, live, policy, notes, ...(policy.plan ? { plan } : {}) };
}
