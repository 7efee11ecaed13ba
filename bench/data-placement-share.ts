import { commSeconds, type Instance, type SimulationResult } from '../sdk/placement/index.js';

/**
 * Share of a simulated run's makespan spent moving data on the path that
 * ends it: from the task that finished last, follow back the input that
 * arrived last (a parent's output moved from where the parent ran, or the
 * task's outside inputs), adding the seconds each move took, over the
 * makespan. Removing every transfer could shorten this run by at most about
 * that share, so a workflow whose data-blind run spends under 20% on it
 * cannot reach 0.8x by placing data better alone.
 *
 * @example
 * ```ts
 * transferShare(compile(problem), await simulate(problem, { policy: 'delta', dataBlind: true })); // 0.66
 * ```
 */
export function transferShare(inst: Instance, run: SimulationResult): number {
  if (run.makespanS <= 0) return 0;
  const at = new Map(run.placements.map((p) => [inst.index.get(p.task)!, p]));
  const endpoint = new Map(inst.problem.endpoints.map((ep, e) => [ep.name, e]));
  let i = -1; let last = -Infinity;
  for (const [k, p] of at) if (p.endS > last) { last = p.endS; i = k; }
  let moving = 0;
  while (i >= 0) {
    const e = endpoint.get(at.get(i)!.endpoint)!;
    let arrive = inst.inputS[i * inst.m + e]!; let move = arrive; let from = -1;
    for (let p = inst.predStart[i]!; p < inst.predStart[i + 1]!; p++) {
      const j = inst.predIdx[p]!;
      const pj = at.get(j)!;
      const c = commSeconds(inst, inst.predEdge[p]!, endpoint.get(pj.endpoint)!, e);
      if (pj.endS + c > arrive) { arrive = pj.endS + c; move = c; from = j; }
    }
    moving += move;
    i = from;
  }
  return Math.min(1, moving / run.makespanS);
}
