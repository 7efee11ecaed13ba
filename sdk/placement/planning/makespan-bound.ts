import { commSeconds, type Instance } from './instance.js';
import { optimisticCostS } from './optimistic-cost.js';
import { orderByTopo } from './rank.js';

/** Past this many endpoints, capacity is checked for all of them together only (the subset walk grows as 3^m). */
const MAX_SUBSET_ENDPOINTS = 10;

/**
 * A lower bound on the makespan of any placement of the workflow, data moves
 * included: no schedule (corral's or any other) can finish sooner. Two
 * relaxations, the larger wins:
 * - the path bound: each task starts no earlier than its outside inputs and
 *   its parents' outputs can reach the endpoint (each parent on its own best
 *   endpoint), and the rest of the workflow takes at least its optimistic
 *   cost after it ({@link optimisticCostS}); contention ignored;
 * - the capacity bound: for a makespan T, a task may only run where the path
 *   bound lets it finish by T, and every set S of endpoints must have the
 *   worker-seconds (weighted by speed) for the tasks that can only run in S.
 *   Data pinned to a small site then shows: work that cannot wait for its
 *   input to move must fit on the few workers where the input is.
 * Cold starts and queueing only add to a real run, so they are left out.
 *
 * @example
 * ```ts
 * const lb = makespanLowerBoundS(compile(problem));
 * console.log(`no plan beats ${lb.toFixed(1)} s`);
 * ```
 */
export function makespanLowerBoundS(inst: Instance): number {
  const { n, m } = inst;
  const head = earliestStartS(inst);
  const tail = optimisticCostS(inst);
  // Each task's least finish-to-end span per endpoint: the path bound is the worst task's best endpoint.
  const span = new Float64Array(n * m);
  let path = 0;
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (let e = 0; e < m; e++) {
      const s = head[i * m + e]! + inst.exec[i * m + e]! + tail[i * m + e]!;
      span[i * m + e] = s;
      if (s < best) best = s;
    }
    if (best > path) path = best;
  }
  if (!Number.isFinite(path)) return path;
  const speed = inst.problem.endpoints.map((ep) => (ep.speed > 0 ? ep.speed : 1));
  const fits = (T: number) => capacityFits(inst, span, speed, T);
  if (fits(path)) return path;
  let lo = path; let hi = Math.max(path * 2, 1);
  while (!fits(hi)) { lo = hi; hi *= 2; }
  for (let k = 0; k < 60 && hi - lo > 1e-9 * hi; k++) {
    const mid = (lo + hi) / 2;
    if (fits(mid)) hi = mid; else lo = mid;
  }
  return hi;
}

/**
 * Earliest start of each task on each endpoint (i*m+e): its outside inputs
 * there, and each parent finished on the endpoint that gets its output there
 * first. Contention ignored.
 */
export function earliestStartS(inst: Instance): Float64Array {
  const { n, m } = inst;
  const head = new Float64Array(n * m);
  const order = orderByTopo(inst);
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    for (let e = 0; e < m; e++) {
      let t = inst.inputS[i * m + e]!;
      for (let p = inst.predStart[i]!; p < inst.predStart[i + 1]!; p++) {
        const j = inst.predIdx[p]!;
        let arrive = Infinity;
        for (let f = 0; f < m; f++) {
          const a = head[j * m + f]! + inst.exec[j * m + f]! + commSeconds(inst, inst.predEdge[p]!, f, e);
          if (a < arrive) arrive = a;
        }
        if (arrive > t) t = arrive;
      }
      head[i * m + e] = t;
    }
  }
  return head;
}

/**
 * Hall's condition for a fractional assignment within makespan T: for every
 * set S of endpoints, the speed-weighted work of the tasks that can finish by
 * T only inside S fits in S's worker-seconds. Past {@link MAX_SUBSET_ENDPOINTS}
 * endpoints only S = all is checked (a weaker, still valid, bound).
 */
function capacityFits(inst: Instance, span: Float64Array, speed: readonly number[], T: number): boolean {
  const { n, m } = inst;
  const subsets = m <= MAX_SUBSET_ENDPOINTS;
  const full = subsets ? (1 << m) - 1 : 0;
  const need = new Float64Array(subsets ? 1 << m : 1);
  const eps = 1e-9 * Math.max(1, T);
  for (let i = 0; i < n; i++) {
    let mask = 0; let work = Infinity;
    for (let e = 0; e < m; e++) {
      if (span[i * m + e]! > T + eps) continue;
      if (subsets) mask |= 1 << e;
      work = Math.min(work, inst.exec[i * m + e]! * speed[e]!);
    }
    if (work === Infinity) return false;
    need[subsets ? mask : 0]! += work;
  }
  if (!subsets) {
    let cap = 0;
    for (let e = 0; e < m; e++) cap += inst.workers[e]! * speed[e]! * T;
    return need[0]! <= cap + eps;
  }
  for (let S = 1; S <= full; S++) {
    let cap = 0;
    for (let e = 0; e < m; e++) if (S & (1 << e)) cap += inst.workers[e]! * speed[e]! * T;
    let total = 0;
    // Sum the work of every task whose allowed set lies inside S (submask walk).
    for (let sub = S; sub > 0; sub = (sub - 1) & S) total += need[sub]!;
    if (total > cap + eps) return false;
  }
  return true;
}
