import type { Instance } from './instance.js';

/**
 * HEFT's upward rank: mean run time plus the longest mean path (run and
 * transfer) to an exit task. Mean transfer is over pairs of distinct endpoints.
 */
export function upwardRank(inst: Instance): Float64Array {
  const { n, m } = inst;
  const G = inst.groups.length;
  // Mean over ordered pairs of distinct endpoints of latency and seconds per byte.
  let lat = 0; let spb = 0; let pairs = 0; let crossPairs = 0;
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) {
    if (a === b) continue;
    pairs++;
    const ga = inst.group[a]!; const gb = inst.group[b]!;
    if (ga !== gb) { crossPairs++; lat += inst.latency[ga * G + gb]!; spb += inst.secPerByte[ga * G + gb]!; }
  }
  const cross = pairs ? crossPairs / pairs : 0;
  lat = pairs ? lat / pairs : 0;
  spb = pairs ? spb / pairs : 0;
  const meanExec = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0; let c = 0;
    for (let e = 0; e < m; e++) { const x = inst.exec[i * m + e]!; if (Number.isFinite(x)) { s += x; c++; } }
    meanExec[i] = c ? s / c : 0;
  }
  const order = orderByTopo(inst);
  const rank = new Float64Array(n);
  for (let k = n - 1; k >= 0; k--) {
    const i = order[k]!;
    let best = 0;
    for (let p = inst.succStart[i]!; p < inst.succStart[i + 1]!; p++) {
      const edge = inst.succEdge[p]!;
      const fixed = inst.edgeFixed[edge]!;
      const comm = fixed === fixed ? fixed * cross : lat + inst.edgeBytes[edge]! * spb;
      const v = comm + rank[inst.succIdx[p]!]!;
      if (v > best) best = v;
    }
    rank[i] = meanExec[i]! + best;
  }
  return rank;
}

/** Task indexes in topological order. */
export function orderByTopo(inst: Instance): Int32Array {
  const order = new Int32Array(inst.n);
  for (let i = 0; i < inst.n; i++) order[inst.topo[i]!] = i;
  return order;
}

/** Task indexes by decreasing rank; ties keep topological order so parents come first. */
export function byRank(inst: Instance, rank: Float64Array): number[] {
  const idx = Array.from(orderByTopo(inst));
  return idx.sort((a, b) => rank[b]! - rank[a]! || inst.topo[a]! - inst.topo[b]!);
}
