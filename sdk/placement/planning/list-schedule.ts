import { candidateOf } from '../candidate.js';
import type { CandidateEndpoint, PlacementContext, PlacementPolicy } from '../policy.js';
import { EventQueue } from '../simulation/event-queue.js';
import { callInputsOf, callTask } from './call-inputs.js';
import type { Instance } from './instance.js';
import { Schedule } from './schedule.js';

/**
 * Plans a workflow with an online policy: tasks are placed in the order they
 * become ready, each with the context the runtime would give the policy at
 * that moment (queue wait, transfer, cold start, prediction, cost), and run
 * in arrival order on the chosen endpoint.
 *
 * @example
 * ```ts
 * const plan = listSchedule(compile(problem), createPolicy('delta')).toPlan('delta');
 * ```
 */
export function listSchedule(inst: Instance, policy: PlacementPolicy): Schedule {
  const { n, m } = inst;
  const schedule = new Schedule(inst);
  const missing = new Int32Array(n);
  for (let i = 0; i < n; i++) missing[i] = inst.predStart[i + 1]! - inst.predStart[i]!;
  const heap = new EventQueue();
  for (let i = 0; i < n; i++) if (missing[i] === 0) heap.push(0, i, inst.topo[i]!);
  const names = inst.problem.endpoints;
  let callNo = 0;
  while (heap.size > 0) {
    const { at: now, task: i } = heap.pop();
    const candidates: CandidateEndpoint[] = [];
    const index: number[] = [];
    for (let e = 0; e < m; e++) {
      const run = inst.exec[i * m + e]!;
      if (!Number.isFinite(run)) continue;
      const free = schedule.workerFree(e);
      let earliest = Infinity; let idle = 0;
      for (const f of free) { if (f < earliest) earliest = f; if (f <= now) idle++; }
      const cold = schedule.coldFor(i, e);
      const ep = names[e]!;
      // The planner keeps worker timelines, so it knows the wait instead of estimating it.
      candidates.push(candidateOf({
        name: ep.name, kind: 'planned', workers: free.length, transferGroup: ep.transferGroup,
        busy: free.length - idle, queued: 0, knownWaitS: Math.max(0, earliest - now),
        prediction: { seconds: run, stdev: 0, source: 'model' }, coldStartS: cold,
        transferS: Math.max(0, schedule.dataReady(i, e) - now), transferUsd: schedule.moveUsd(i, e),
        cost: { usd: schedule.usdOn(i, e) - schedule.moveUsd(i, e), seconds: run + cold, joules: inst.joules[i * m + e]! + (cold > 0 ? inst.coldJoules[i * m + e]! : 0) },
      }));
      index.push(e);
    }
    const task = inst.problem.graph.node(inst.ids[i]!);
    const ctx: PlacementContext = { task: callTask(`c${callNo++}`, task.type ?? task.id, callInputsOf(inst, i, schedule.endpointOf)), candidates, now };
    const chosen = policy.place(ctx).endpoint;
    const at = candidates.findIndex((c) => c.name === chosen);
    if (at < 0) throw new Error(`policy "${policy.name}" chose "${chosen}", which is not a candidate for task "${task.id}" (candidates: ${candidates.map((c) => c.name).join(', ')})`);
    schedule.place(i, index[at]!, false);
    for (let p = inst.succStart[i]!; p < inst.succStart[i + 1]!; p++) {
      const j = inst.succIdx[p]!;
      if (--missing[j]! === 0) heap.push(schedule.predsDone(j), j, inst.topo[j]!);
    }
  }
  return schedule;
}
