import { seededRandom } from '../../profiling/index.js';
import { movesData, optimisticCostS, type Instance, type PlacementPolicy, type SimEndpoint } from '../../placement/index.js';
import { runVirtual, type VirtualRunOptions, type VirtualRunOutcome } from './virtual-run.js';

/** A virtual run that looked ahead, and what it saw. */
export interface LookAheadOutcome extends VirtualRunOutcome {
  /** Set when the policy looked ahead: makespans of its noise-free runs, and the mode kept. */
  readonly lookahead?: { readonly awareS: number; readonly blindS: number; readonly kept: 'data-aware' | 'data-blind' };
}

/**
 * Runs a workflow under an online policy that looks ahead
 * (`policy.lookahead`, e.g. delta) when placing it moves data: each candidate
 * is told what it commits the call's successors to ({@link withDownstream}),
 * and the policy is tried both so and data-blind on a noise-free virtual run;
 * every call is then placed in the mode that finished the workflow first
 * (ties keep data-aware). One call at a time, a data-aware policy can keep
 * work at a slow site because the data is there and pay for it later; the
 * data-blind run is the check. On deterministic endpoints (no noise, no
 * preemption) the chosen trial is the run. Other policies, and workflows
 * that move no data, run once as they are.
 *
 * @example
 * ```ts
 * const out = await runLookingAhead(inst, endpoints, { policy: createPolicy('delta'), rng: seededRandom('1') });
 * out.lookahead; // { awareS: 41.2, blindS: 52.9, kept: 'data-aware' }
 * ```
 */
export async function runLookingAhead(inst: Instance, endpoints: readonly SimEndpoint[], options: VirtualRunOptions): Promise<LookAheadOutcome> {
  if (!options.policy.lookahead || options.dataBlind || options.planned || !movesData(inst)) return runVirtual(inst, endpoints, options);
  const aware = withDownstream(options.policy, inst, endpoints);
  const quiet = endpoints.map((ep) => ({ ...ep, noiseCv: 0, preemptionPerHour: 0 }));
  // Same trial generator for both modes: with no noise it draws nothing, so the two differ only by the mode.
  const trial = (policy: PlacementPolicy, dataBlind: boolean) => runVirtual(inst, quiet, { ...options, policy, dataBlind, rng: seededRandom('lookahead') });
  const a = await trial(aware, false);
  const b = await trial(options.policy, true);
  const [awareS, blindS] = [makespanS(a), makespanS(b)];
  // A trial the budget stopped finishes nothing: the other mode wins.
  const blind = a.stoppedBy !== undefined ? b.stoppedBy === undefined : b.stoppedBy === undefined && blindS < awareS - 1e-9;
  const lookahead = { awareS, blindS, kept: blind ? 'data-blind' as const : 'data-aware' as const };
  const deterministic = endpoints.every((ep) => !((ep.noiseCv ?? 0) > 0) && !((ep.preemptionPerHour ?? 0) > 0));
  const out = deterministic ? (blind ? b : a) : await runVirtual(inst, endpoints, { ...options, policy: blind ? options.policy : aware, dataBlind: blind });
  return { ...out, lookahead };
}

/**
 * The policy with each candidate told the fewest seconds the workflow still
 * needs after the call ends there (`downstreamS`, PEFT's optimistic cost on
 * corral's links): the what-if run knows the whole graph.
 *
 * @example
 * ```ts
 * runVirtual(inst, endpoints, { policy: withDownstream(createPolicy('delta'), inst, endpoints), rng });
 * ```
 */
export function withDownstream(policy: PlacementPolicy, inst: Instance, endpoints: readonly SimEndpoint[]): PlacementPolicy {
  const oct = optimisticCostS(inst);
  const at = new Map(endpoints.map((ep, e) => [ep.name, e]));
  return {
    name: policy.name,
    place(ctx) {
      const i = ctx.task.features.task!;
      const candidates = ctx.candidates.map((c) => ({ ...c, downstreamS: oct[i * inst.m + at.get(c.name)!]! }));
      return policy.place({ ...ctx, candidates });
    },
  };
}

/** When the last finished task of a virtual run ended. */
function makespanS(out: VirtualRunOutcome): number {
  let end = 0;
  for (let i = 0; i < out.done.length; i++) if (out.done[i] && out.world.endS[i]! > end) end = out.world.endS[i]!;
  return end;
}

/** What a policy that looked ahead saw, for the result's notes. */
export function lookaheadNote(policy: string, l: NonNullable<LookAheadOutcome['lookahead']>): string {
  return `${policy} looked ahead: a noise-free run took ${+l.awareS.toFixed(2)} s data-aware and ${+l.blindS.toFixed(2)} s data-blind; placed ${l.kept}`;
}
