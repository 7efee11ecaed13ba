import { commSeconds, type Instance } from './instance.js';
import { orderByTopo } from './rank.js';

/**
 * PEFT's optimistic cost table (Arabnejad and Barbosa 2014), with corral's
 * real links instead of mean transfer times: for task i ending on endpoint e,
 * the fewest seconds the rest of the workflow can still take after it, each
 * successor on its best endpoint, moving i's output there when it is
 * elsewhere, contention ignored. Indexed i*m+e. What a call placed on e
 * commits its successors to: output left at a slow site either keeps them
 * there or makes them wait for it to move.
 *
 * @example
 * ```ts
 * const oct = optimisticCostS(compile(problem));
 * const afterS = oct[i * inst.m + e]; // lower bound on the seconds from task i's end on e to the workflow's end
 * ```
 */
export function optimisticCostS(inst: Instance): Float64Array {
  const { n, m } = inst;
  const oct = new Float64Array(n * m);
  const order = orderByTopo(inst);
  for (let k = n - 1; k >= 0; k--) {
    const i = order[k]!;
    for (let e = 0; e < m; e++) {
      let worst = 0;
      for (let p = inst.succStart[i]!; p < inst.succStart[i + 1]!; p++) {
        const j = inst.succIdx[p]!;
        const edge = inst.succEdge[p]!;
        let best = Infinity;
        for (let w = 0; w < m; w++) {
          const x = commSeconds(inst, edge, e, w) + inst.exec[j * m + w]! + oct[j * m + w]!;
          if (x < best) best = x;
        }
        if (best > worst) worst = best;
      }
      oct[i * m + e] = worst;
    }
  }
  return oct;
}
