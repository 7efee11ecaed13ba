import { commSeconds, commUsd, compile, outsideInputs } from './instance.js';
import { TransferModel } from './transfer-model.js';
import type { Plan } from './plan.js';
import type { PlanningProblem } from './problem.js';

/** Data that crosses transfer groups in a plan: along an edge, or an outside input brought to its task. */
export interface PlannedMove {
  /** The producing task, or null for an input from outside the workflow. */
  readonly from: string | null;
  readonly to: string;
  readonly fromSite: string;
  readonly toSite: string;
  readonly bytes: number;
  /** Predicted seconds of the move (the transfer model, or the edge's fixed seconds). */
  readonly seconds: number;
  /** Predicted egress dollars of the move. */
  readonly usd: number;
}

/**
 * Every move of data a plan implies between transfer groups (per edge, and
 * per outside input), with its predicted seconds and dollars: what
 * `corral plan` shows as data moved. Data that stays in its group is left out.
 *
 * @example
 * ```ts
 * const plan = await planWorkflow(problem, { policy: 'heft' });
 * for (const m of plannedMoves(problem, plan)) console.log(m.from ?? 'input', '->', m.to, m.bytes);
 * ```
 */
export function plannedMoves(problem: PlanningProblem, plan: Plan): PlannedMove[] {
  const inst = compile(problem);
  const endpointOf = new Int32Array(inst.n).fill(-1);
  const epIndex = new Map(problem.endpoints.map((ep, e) => [ep.name, e]));
  for (const t of plan.tasks) endpointOf[inst.index.get(t.task)!] = epIndex.get(t.endpoint) ?? -1;
  const site = (e: number) => inst.groups[inst.group[e]!]!;
  const transfer = problem.transfer ?? new TransferModel();
  const moves: PlannedMove[] = [];
  for (let i = 0; i < inst.n; i++) {
    const e = endpointOf[i]!;
    if (e < 0) continue;
    const to = inst.ids[i]!;
    for (const input of outsideInputs(problem.graph.node(to))) {
      if (input.site === site(e) || input.bytes <= 0) continue;
      moves.push({
        from: null, to, fromSite: input.site, toSite: site(e), bytes: input.bytes,
        seconds: transfer.seconds(input.bytes, input.site, site(e)),
        usd: transfer.usd(input.bytes, input.site, site(e)),
      });
    }
    for (let p = inst.predStart[i]!; p < inst.predStart[i + 1]!; p++) {
      const a = endpointOf[inst.predIdx[p]!]!;
      const k = inst.predEdge[p]!;
      if (a < 0 || inst.group[a] === inst.group[e]) continue;
      if (inst.edgeBytes[k]! <= 0 && !(inst.edgeFixed[k]! > 0)) continue;
      moves.push({ from: inst.ids[inst.predIdx[p]!]!, to, fromSite: site(a), toSite: site(e), bytes: inst.edgeBytes[k]!, seconds: commSeconds(inst, k, a, e), usd: commUsd(inst, k, a, e) });
    }
  }
  return moves;
}
