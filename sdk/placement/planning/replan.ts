import { TaskGraph } from '../../graph/index.js';
import { PlanningInputError } from '../errors.js';
import { budgetHeft } from './budget-heft.js';
import { heft } from './heft.js';
import { compile } from './instance.js';
import type { Plan } from './plan.js';
import type { PlanEdge, PlanningProblem, PlanTask } from './problem.js';
import { Schedule } from './schedule.js';

/** Where a run stands when it re-places the rest of its workflow. */
export interface RunState {
  /** Seconds since the run started. */
  readonly now: number;
  /** Finished tasks: where they ran and when they ended. */
  readonly done: ReadonlyMap<string, { readonly endpoint: string; readonly endS: number }>;
  /** Running tasks: where, and when they are now expected to end. */
  readonly running?: ReadonlyMap<string, { readonly endpoint: string; readonly expectedEndS: number }>;
  /** Endpoints gone offline: nothing more goes there, and what ran there is lost. */
  readonly offline?: readonly string[];
  /** Dollars spent or committed so far (taken off a USD budget). */
  readonly spentUsd?: number;
}

/**
 * Re-places the not-yet-started part of a workflow from where the run stands:
 * called by the runtime when a task ends much earlier or later than planned,
 * an endpoint goes offline, or prices move (pass the problem with new
 * prices). Finished tasks' outputs stay where they are (moving compute to
 * them is free), running tasks keep their workers, offline endpoints are
 * dropped and their running tasks re-placed. Times in the plan are run
 * seconds (from the run's start).
 *
 * @example
 * ```ts
 * const rest = replanRemaining(problem, { now: 120, done, running, offline: ['aws-spot'], spentUsd: 0.4 }, { budget: { usd: 2 } });
 * ```
 */
export function replanRemaining(problem: PlanningProblem, state: RunState, options: { budget?: { usd?: number } } = {}): Plan {
  const offline = new Set(state.offline ?? []);
  const endpoints = problem.endpoints.filter((e) => !offline.has(e.name));
  if (endpoints.length === 0) throw new PlanningInputError('endpoints', `every endpoint is offline (${[...offline].join(', ')}): nothing left to re-place on`);
  const position = new Map(endpoints.map((e, k) => [e.name, k]));
  const running = new Map([...(state.running ?? new Map())].filter(([, r]) => !offline.has(r.endpoint)));
  const { graph } = problem;
  const rest = new TaskGraph<PlanTask, PlanEdge>();
  for (const id of graph.ids()) if (!state.done.has(id) && !running.has(id)) rest.addNode(id, graph.node(id));
  for (const { from, to, data } of graph.edges()) if (rest.has(from) && rest.has(to)) rest.addEdge(from, to, data);
  const label = options.budget?.usd === undefined ? 'heft' : 'budget-heft';
  if (rest.size === 0) return { policy: label, makespanS: state.now, usd: 0, joules: 0, tasks: [], notes: ['nothing left to place'] };
  const inst = compile({ ...problem, graph: rest, endpoints });
  const transfer = (bytes: number, fixed: number | undefined, from: string, to: string) => {
    const a = problem.endpoints.find((e) => e.name === from);
    const b = endpoints.find((e) => e.name === to)!;
    if (from === to || (a && a.transferGroup === b.transferGroup)) return 0;
    if (fixed !== undefined) return fixed;
    return problem.transfer ? problem.transfer.seconds(bytes, a?.transferGroup ?? from, b.transferGroup) : 0.05 + bytes / 100e6;
  };
  // Inputs from finished or running parents arrive at a fixed time per endpoint: fold them into the release time.
  const release = inst.inputS;
  for (let i = 0; i < inst.n; i++) {
    const id = inst.ids[i]!;
    for (let e = 0; e < inst.m; e++) {
      let t = Math.max(state.now, state.now + release[i * inst.m + e]!);
      for (const [parent, edge] of graph.predecessors(id)) {
        const d = state.done.get(parent);
        const r = running.get(parent);
        const at = d ? { ep: d.endpoint, end: d.endS } : r ? { ep: r.endpoint, end: r.expectedEndS } : undefined;
        if (at) t = Math.max(t, at.end + transfer(edge.bytes, edge.seconds, at.ep, endpoints[e]!.name));
      }
      release[i * inst.m + e] = t;
    }
  }
  const schedule = new Schedule(inst);
  const typeIndex = new Map<string, number>();
  for (let i = 0; i < inst.n; i++) { const t = graph.node(inst.ids[i]!); typeIndex.set(t.type ?? t.id, inst.type[i]!); }
  for (const [, r] of running) {
    const e = position.get(r.endpoint);
    if (e !== undefined) schedule.reserve(e, state.now, Math.max(state.now, r.expectedEndS));
  }
  for (const [id, d] of [...state.done, ...running]) {
    const e = position.get(d.endpoint);
    const t = graph.has(id) ? graph.node(id) : undefined;
    const type = t ? typeIndex.get(t.type ?? t.id) : undefined;
    if (e !== undefined && type !== undefined) schedule.markWarm(e, type);
  }
  const usd = options.budget?.usd;
  const result = usd === undefined ? heft(inst, undefined, schedule) : budgetHeft(inst, usd - (state.spentUsd ?? 0), schedule);
  const lost = [...(state.running ?? new Map())].filter(([, r]) => offline.has(r.endpoint)).map(([id]) => id);
  return result.toPlan(label, lost.length ? [`re-placed ${lost.join(', ')}: their endpoint went offline`] : []);
}
