import type { CostVector } from '../../pricing/index.js';
import { NoFeasibleEndpointError, PlanningInputError } from '../errors.js';
import type { CallInput } from '../policy.js';
import type { PlanEndpoint, PlanningProblem, PlanTask } from './problem.js';
import { TransferModel } from './transfer-model.js';

/**
 * A planning problem compiled to flat arrays (task i, endpoint e at i*m+e),
 * so that planners touch no maps or objects on their hot paths.
 */
export interface Instance {
  readonly problem: PlanningProblem;
  readonly n: number;
  readonly m: number;
  readonly ids: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  /** Position of each task in one topological order. */
  readonly topo: Int32Array;
  /** Run seconds (Infinity where the task may not run). */
  readonly exec: Float64Array;
  readonly usd: Float64Array;
  readonly joules: Float64Array;
  /** Cold start seconds (and their price) of each task's type on each endpoint (n*m). */
  readonly coldS: Float64Array;
  readonly coldUsd: Float64Array;
  readonly coldJoules: Float64Array;
  readonly workers: Int32Array;
  readonly group: Int32Array;
  readonly groups: readonly string[];
  readonly type: Int32Array;
  readonly types: number;
  /** Predecessors in CSR form: preds of i are predIdx[predStart[i] .. predStart[i+1]). */
  readonly predStart: Int32Array;
  readonly predIdx: Int32Array;
  readonly predEdge: Int32Array;
  readonly succStart: Int32Array;
  readonly succIdx: Int32Array;
  readonly succEdge: Int32Array;
  readonly edgeBytes: Float64Array;
  /** Fixed seconds of an edge between endpoints, NaN to use the transfer model. */
  readonly edgeFixed: Float64Array;
  /** Latency and seconds per byte between groups (G*G). */
  readonly latency: Float64Array;
  readonly secPerByte: Float64Array;
  /** Dollars per byte moved between groups (egress, G*G). */
  readonly usdPerByte: Float64Array;
  /** Seconds (and dollars) to bring each task's outside inputs to each endpoint (n*m). */
  readonly inputS: Float64Array;
  readonly inputUsd: Float64Array;
}

/** Compiles a problem; throws on cycles and on tasks no endpoint can run. */
export function compile(problem: PlanningProblem): Instance {
  const { graph, endpoints } = problem;
  if (endpoints.length === 0) throw new PlanningInputError('endpoints', 'no endpoint is online to place tasks on');
  const order = graph.topologicalOrder();
  const n = order.length;
  const m = endpoints.length;
  const index = new Map<string, number>();
  const ids = graph.ids();
  ids.forEach((id, i) => index.set(id, i));
  const topo = new Int32Array(n);
  order.forEach((id, k) => { topo[index.get(id)!] = k; });

  const groupsIndex = new Map<string, number>();
  const group = new Int32Array(m);
  endpoints.forEach((ep, e) => {
    if (!groupsIndex.has(ep.transferGroup)) groupsIndex.set(ep.transferGroup, groupsIndex.size);
    group[e] = groupsIndex.get(ep.transferGroup)!;
  });
  const dataGroups: string[] = [];
  for (const id of ids) {
    for (const input of outsideInputs(graph.node(id))) if (!groupsIndex.has(input.site)) { groupsIndex.set(input.site, groupsIndex.size); dataGroups.push(input.site); }
  }
  const groups = [...groupsIndex.keys()];
  const G = groups.length;
  const transfer = problem.transfer ?? new TransferModel();
  const latency = new Float64Array(G * G);
  const secPerByte = new Float64Array(G * G);
  const usdPerByte = new Float64Array(G * G);
  for (let a = 0; a < G; a++) for (let b = 0; b < G; b++) {
    if (a === b) continue;
    const link = transfer.between(groups[a]!, groups[b]!);
    latency[a * G + b] = link.latencyS;
    secPerByte[a * G + b] = 1 / link.bytesPerS;
    usdPerByte[a * G + b] = transfer.usdPerByte(groups[a]!, groups[b]!);
  }

  const cost = problem.cost ?? defaultCost;
  const exec = new Float64Array(n * m);
  const usd = new Float64Array(n * m);
  const joules = new Float64Array(n * m);
  const inputS = new Float64Array(n * m);
  const inputUsd = new Float64Array(n * m);
  const coldS = new Float64Array(n * m);
  const coldUsd = new Float64Array(n * m);
  const coldJoules = new Float64Array(n * m);
  const typeIndex = new Map<string, number>();
  const type = new Int32Array(n);
  // Linear cost models let one estimate per endpoint price every task.
  const unit = endpoints.map((ep) => cost(ep, 1));
  const unitUsd = Float64Array.from(unit, (u) => u.usd);
  const unitJoules = Float64Array.from(unit, (u) => u.joules);
  const speed = Float64Array.from(endpoints, (ep) => (ep.speed > 0 ? ep.speed : 1));
  for (let i = 0; i < n; i++) {
    const task = graph.node(ids[i]!);
    const t = task.type ?? task.id;
    if (!typeIndex.has(t)) typeIndex.set(t, typeIndex.size);
    type[i] = typeIndex.get(t)!;
    const reasons: string[] = [];
    for (let e = 0; e < m; e++) {
      const c = task.coldStartS?.[endpoints[e]!.name] ?? endpoints[e]!.coldStartS ?? 0;
      coldS[i * m + e] = c; coldUsd[i * m + e] = unitUsd[e]! * c; coldJoules[i * m + e] = unitJoules[e]! * c;
    }
    const inputs = outsideInputs(task);
    if (inputs.length > 0) for (let e = 0; e < m; e++) {
      inputS[i * m + e] = transfer.inputsSeconds(inputs, endpoints[e]!.transferGroup);
      inputUsd[i * m + e] = transfer.inputsUsd(inputs, endpoints[e]!.transferGroup);
    }
    const plain = !task.seconds && !task.allow && !task.requires && !problem.predict && task.baseSeconds !== undefined;
    if (plain) {
      // The common case (no per-endpoint facts): run time is the base time over the speed.
      for (let e = 0; e < m; e++) {
        const s = task.baseSeconds! / speed[e]!;
        exec[i * m + e] = s; usd[i * m + e] = unitUsd[e]! * s; joules[i * m + e] = unitJoules[e]! * s;
      }
      continue;
    }
    for (let e = 0; e < m; e++) {
      const ep = endpoints[e]!;
      const why = infeasible(task, ep);
      const s = why ? Infinity : runSeconds(problem, task, ep);
      if (why) reasons.push(why);
      else if (!(s >= 0)) reasons.push(`${ep.name}: no run time known (give seconds, baseSeconds or a predictor)`);
      exec[i * m + e] = s >= 0 ? s : Infinity;
      usd[i * m + e] = Number.isFinite(s) ? unit[e]!.usd * s : Infinity;
      joules[i * m + e] = Number.isFinite(s) ? unit[e]!.joules * s : Infinity;
    }
    let any = false;
    for (let e = 0; e < m; e++) if (Number.isFinite(exec[i * m + e]!)) { any = true; break; }
    if (!any) throw new NoFeasibleEndpointError(task.id, reasons);
  }

  const edges = graph.edges();
  const edgeBytes = new Float64Array(edges.length);
  const edgeFixed = new Float64Array(edges.length);
  const predCount = new Int32Array(n + 1);
  const succCount = new Int32Array(n + 1);
  edges.forEach((ed, k) => {
    edgeBytes[k] = ed.data?.bytes ?? 0;
    edgeFixed[k] = ed.data?.seconds ?? NaN;
    predCount[index.get(ed.to)! + 1]! += 1;
    succCount[index.get(ed.from)! + 1]! += 1;
  });
  for (let i = 0; i < n; i++) { predCount[i + 1]! += predCount[i]!; succCount[i + 1]! += succCount[i]!; }
  const predStart = Int32Array.from(predCount);
  const succStart = Int32Array.from(succCount);
  const predIdx = new Int32Array(edges.length);
  const predEdge = new Int32Array(edges.length);
  const succIdx = new Int32Array(edges.length);
  const succEdge = new Int32Array(edges.length);
  const pFill = predStart.slice();
  const sFill = succStart.slice();
  edges.forEach((ed, k) => {
    const from = index.get(ed.from)!;
    const to = index.get(ed.to)!;
    const p = pFill[to]!++; predIdx[p] = from; predEdge[p] = k;
    const s = sFill[from]!++; succIdx[s] = to; succEdge[s] = k;
  });
  return {
    problem, n, m, ids, index, topo, exec, usd, joules, coldS, coldUsd, coldJoules,
    workers: Int32Array.from(endpoints, (ep) => Math.max(1, Math.floor(ep.workers))),
    group, groups, type, types: typeIndex.size,
    predStart, predIdx, predEdge, succStart, succIdx, succEdge, edgeBytes, edgeFixed, latency, secPerByte, usdPerByte, inputS, inputUsd,
  };
}

/** A task's inputs from outside the workflow: `inputs` where given, else `inputBytes` at `dataLocation`. */
export function outsideInputs(task: PlanTask): readonly CallInput[] {
  if (task.inputs) return task.inputs;
  return task.dataLocation !== undefined && (task.inputBytes ?? 0) > 0 ? [{ bytes: task.inputBytes!, site: task.dataLocation }] : [];
}

/** Dollars to move edge k's data from endpoint a to endpoint b (egress; 0 within a transfer group or for fixed-seconds edges). */
export function commUsd(inst: Instance, k: number, a: number, b: number): number {
  if (a === b) return 0;
  const ga = inst.group[a]!;
  const gb = inst.group[b]!;
  if (ga === gb) return 0;
  return inst.edgeBytes[k]! * inst.usdPerByte[ga * inst.groups.length + gb]!;
}

/** Seconds to move edge k's data from endpoint a to endpoint b (0 within a transfer group). */
export function commSeconds(inst: Instance, k: number, a: number, b: number): number {
  if (a === b) return 0;
  const ga = inst.group[a]!;
  const gb = inst.group[b]!;
  if (ga === gb) return 0;
  const fixed = inst.edgeFixed[k]!;
  if (fixed === fixed) return fixed;
  const bytes = inst.edgeBytes[k]!;
  if (bytes <= 0) return 0;
  const G = inst.groups.length;
  return inst.latency[ga * G + gb]! + bytes * inst.secPerByte[ga * G + gb]!;
}

function runSeconds(problem: PlanningProblem, task: PlanTask, ep: PlanEndpoint): number {
  const given = task.seconds?.[ep.name];
  if (given !== undefined) return given;
  if (problem.predict) return problem.predict(task, ep);
  if (task.baseSeconds !== undefined) return task.baseSeconds / (ep.speed > 0 ? ep.speed : 1);
  return NaN;
}

function infeasible(task: PlanTask, ep: PlanEndpoint): string | undefined {
  if (task.allow && !task.allow.includes(ep.name)) return `${ep.name}: not in the task's allow-list [${task.allow.join(', ')}]`;
  if (task.seconds && Object.keys(task.seconds).length > 0 && task.seconds[ep.name] === undefined && task.baseSeconds === undefined) return `${ep.name}: no run time given for it`;
  const need = task.requires;
  if (need?.memoryGiB !== undefined && ep.memoryGiB !== undefined && need.memoryGiB > ep.memoryGiB) return `${ep.name}: needs ${need.memoryGiB} GiB, workers have ${ep.memoryGiB}`;
  if (need?.gpus && (ep.gpus ?? 0) < need.gpus) return `${ep.name}: needs ${need.gpus} GPU(s), workers have ${ep.gpus ?? 0}`;
  return undefined;
}

/** usdPerHour and watts of one busy worker. */
export function defaultCost(ep: PlanEndpoint, seconds: number): CostVector {
  return { usd: ((ep.usdPerHour ?? 0) * seconds) / 3600, seconds, joules: (ep.watts ?? 0) * seconds };
}
