import type { CallInput, PlacementTask } from '../policy.js';
import type { Instance } from './instance.js';
import { outsideInputs } from './instance.js';

/**
 * Where each input of task i lives once its predecessors are placed: its
 * outside inputs, and each parent's output at the parent's transfer group
 * (what a `PlacementTask.inputs` holds when the runtime places the call).
 *
 * @example
 * ```ts
 * const inputs = callInputsOf(inst, i, schedule.endpointOf); // [{ bytes: 4e6, site: 'origin' }, { bytes: 2e8, site: 'hpc' }]
 * ```
 */
export function callInputsOf(inst: Instance, i: number, endpointOf: Int32Array): CallInput[] {
  const out = [...outsideInputs(inst.problem.graph.node(inst.ids[i]!))];
  for (let p = inst.predStart[i]!; p < inst.predStart[i + 1]!; p++) {
    const bytes = inst.edgeBytes[inst.predEdge[p]!]!;
    const e = endpointOf[inst.predIdx[p]!]!;
    if (bytes > 0 && e >= 0) out.push({ bytes, site: inst.groups[inst.group[e]!]! });
  }
  return out;
}

/**
 * A call as a placement policy sees it in planning and simulation: each
 * input with its size and site, their total and the sites holding them.
 *
 * @example
 * ```ts
 * policy.place({ task: callTask('c1', 'mProject', inputs), candidates, now: 0 });
 * ```
 */
export function callTask(callId: string, taskId: string, inputs: readonly CallInput[]): PlacementTask {
  let inputBytes = 0;
  for (const x of inputs) inputBytes += x.bytes;
  return { callId, taskId, attempt: 1, features: {}, inputBytes, dataLocations: [...new Set(inputs.map((x) => x.site))], inputs };
}
