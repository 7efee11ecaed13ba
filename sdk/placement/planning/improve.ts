import { commSeconds, type Instance } from './instance.js';
import { byRank, upwardRank } from './rank.js';
import { Schedule } from './schedule.js';

/**
 * Local search after budget-heft: moves one task at a time to another
 * endpoint when the re-timed plan (HEFT order, insertion) is shorter and
 * still within the budget, until no move helps or the time is up. Greedy
 * budget splitting spends early; this hands dollars to the tasks on the
 * critical path instead. Bounded by a count of evaluated plans, not by time,
 * so that a plan does not depend on how busy the machine is.
 *
 * @example
 * ```ts
 * const better = improveWithinBudget(inst, budgetHeft(inst, 2), 2);
 * ```
 */
export function improveWithinBudget(inst: Instance, start: Schedule, budgetUsd: number, maxEvaluations = 5000): Schedule {
  const order = byRank(inst, upwardRank(inst));
  const assign = Int32Array.from(start.endpointOf);
  let best = start;
  let bestKey = key(best);
  let left = maxEvaluations;
  const spent = () => left <= 0;
  for (let improved = true; improved && !spent();) {
    improved = false;
    for (const i of order) {
      const was = assign[i]!;
      let move = -1;
      for (let e = 0; e < inst.m; e++) {
        if (e === was || !Number.isFinite(inst.exec[i * inst.m + e]!)) continue;
        assign[i] = e;
        left--;
        const s = evaluate(inst, order, assign);
        const k = key(s);
        if (s.usd <= budgetUsd + 1e-12 && less(k, bestKey)) { best = s; bestKey = k; move = e; }
      }
      assign[i] = move >= 0 ? move : was;
      if (move >= 0) improved = true;
      if (spent()) break;
    }
    if (improved || spent()) continue;
    // No single move helps: try exchanging the endpoints of two tasks.
    for (let a = 0; a < inst.n && !improved && !spent(); a++) {
      for (let b = a + 1; b < inst.n; b++) {
        const ea = assign[a]!; const eb = assign[b]!;
        if (ea === eb || !Number.isFinite(inst.exec[a * inst.m + eb]!) || !Number.isFinite(inst.exec[b * inst.m + ea]!)) continue;
        assign[a] = eb; assign[b] = ea;
        left--;
        const s = evaluate(inst, order, assign);
        const k = key(s);
        if (s.usd <= budgetUsd + 1e-12 && less(k, bestKey)) { best = s; bestKey = k; improved = true; break; }
        assign[a] = ea; assign[b] = eb;
      }
    }
  }
  return best;
}

/** The schedule of a fixed assignment, in HEFT order with insertion. */
export function evaluate(inst: Instance, order: readonly number[], assign: Int32Array): Schedule {
  // Rank by the assignment's own run and transfer times: the mean-based HEFT order can serialize the wrong chain.
  const rank = new Float64Array(inst.n);
  for (let k = order.length - 1; k >= 0; k--) {
    const i = topoOrder(inst)[k]!;
    let best = 0;
    for (let p = inst.succStart[i]!; p < inst.succStart[i + 1]!; p++) {
      const j = inst.succIdx[p]!;
      const v = commSeconds(inst, inst.succEdge[p]!, assign[i]!, assign[j]!) + rank[j]!;
      if (v > best) best = v;
    }
    rank[i] = inst.exec[i * inst.m + assign[i]!]! + best;
  }
  const byOwnRank = [...order].sort((a, b) => rank[b]! - rank[a]! || inst.topo[a]! - inst.topo[b]!);
  const s = new Schedule(inst);
  for (const i of byOwnRank) s.place(i, assign[i]!, true);
  return s;
}

const topoCache = new WeakMap<Instance, Int32Array>();
function topoOrder(inst: Instance): Int32Array {
  let o = topoCache.get(inst);
  if (!o) { o = new Int32Array(inst.n); for (let i = 0; i < inst.n; i++) o[inst.topo[i]!] = i; topoCache.set(inst, o); }
  return o;
}

/** Makespan, then dollars (freeing budget for later moves), then the sum of finish times (to cross plateaus). */
function key(s: Schedule): [number, number, number] {
  let m = 0; let sum = 0;
  for (const f of s.finish) { if (f > m) m = f; sum += f; }
  return [m, s.usd, sum];
}

function less(a: [number, number, number], b: [number, number, number]): boolean {
  for (let k = 0; k < 3; k++) {
    const tol = 1e-9 * Math.max(1, Math.abs(b[k]!));
    if (a[k]! < b[k]! - tol) return true;
    if (a[k]! > b[k]! + tol) return false;
  }
  return false;
}
