import { dataBlindProblem } from './data-blind.js';
import { earliestFinish, heft } from './heft.js';
import { compile, type Instance } from './instance.js';
import type { Schedule } from './schedule.js';

/** Past this many task-endpoint pairs, the extra HEFT passes cost more than they are worth: plain HEFT only. */
const MAX_PAIRS = 64_000;

/**
 * HEFT that weighs moving compute to the data against moving data to the
 * compute. Plain HEFT decides task by task and can scatter a workflow over
 * sites for small gains, then pay a wide-area transfer on every edge it cut.
 * So, when data crosses sites, it also plans every site alone (all compute
 * where one copy of the data goes) and HEFT's assignment made as if data
 * were free, re-timed with the real transfers, and keeps the shortest plan
 * (then the cheapest). Each alternative is timed by the same schedule, so
 * the choice is never worse than plain HEFT on the predicted makespan.
 *
 * @example
 * ```ts
 * const plan = dataAwareHeft(compile(problem)).toPlan('heft');
 * ```
 */
export function dataAwareHeft(inst: Instance): Schedule {
  const plain = heft(inst);
  if (inst.groups.length < 2 || !movesData(inst) || inst.n * inst.m > MAX_PAIRS) return plain;
  const options = [plain];
  const endpointGroups = new Set(inst.group);
  for (const g of endpointGroups) {
    options.push(heft(inst, (i, s) => earliestFinish(inst, s, i, (e) => inst.group[e] === g)));
  }
  const blind = heft(compile(dataBlindProblem(inst.problem)));
  options.push(heft(inst, (i) => blind.endpointOf[i]!));
  return options.reduce((best, s) => {
    const a = makespan(s); const b = makespan(best);
    return a < b - 1e-9 || (a <= b + 1e-9 && s.usd < best.usd - 1e-12) ? s : best;
  });
}

/**
 * Does placing this workflow move data: an edge with bytes or seconds, or an
 * outside input that costs time to bring to some endpoint?
 *
 * @example
 * ```ts
 * if (movesData(compile(problem))) console.log('where tasks run decides what moves');
 * ```
 */
export function movesData(inst: Instance): boolean {
  for (let k = 0; k < inst.edgeBytes.length; k++) if (inst.edgeBytes[k]! > 0 || inst.edgeFixed[k]! > 0) return true;
  for (let k = 0; k < inst.inputS.length; k++) if (inst.inputS[k]! > 0) return true;
  return false;
}

function makespan(s: Schedule): number {
  let m = 0;
  for (const f of s.finish) if (f > m) m = f;
  return m;
}
