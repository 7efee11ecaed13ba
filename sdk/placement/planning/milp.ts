import type { Highs } from 'highs';
import type { Instance } from './instance.js';
import { commSeconds } from './instance.js';
import { Schedule } from './schedule.js';

/** What the MILP planner found. */
export interface MilpResult {
  readonly schedule: Schedule;
  readonly status: string;
  /** Relative gap between the best plan found and the solver's bound (0 = proved optimal). */
  readonly gap: number;
  readonly objective: number;
}

let highs: Promise<Highs> | undefined;

/** HiGHS, loaded with the first MILP: a run that never plans one does not carry the solver. */
async function loadHighs(): Promise<Highs> {
  const highsModule = await import('highs');
  // The package's types describe its CommonJS build; under ESM the loader is the default export.
  const load = ((highsModule as any).default?.default ?? (highsModule as any).default) as () => Promise<Highs>;
  return load();
}

/**
 * Minimum-makespan placement as a MILP solved by HiGHS: assignment of tasks
 * to workers, start times, precedence with transfer between endpoints,
 * no overlap on a worker, and an optional dollar budget. Cold starts are left
 * out of the model; the schedule returned is re-timed with them. Returns
 * undefined when the solver finds no plan within the time limit.
 */
export async function solveMilp(inst: Instance, options: { budgetUsd?: number; timeLimitS: number; upperBound?: number }): Promise<MilpResult | undefined> {
  const { n, m } = inst;
  const machines: number[] = [];
  for (let e = 0; e < m; e++) for (let w = 0; w < inst.workers[e]!; w++) machines.push(e);
  const K = machines.length;
  const p = (i: number, k: number) => inst.exec[i * m + machines[k]!]!;
  const ok = (i: number, k: number) => Number.isFinite(p(i, k));
  const reach = reachability(inst);
  let big = 0;
  for (let i = 0; i < n; i++) {
    let worst = 0;
    for (let k = 0; k < K; k++) if (ok(i, k)) worst = Math.max(worst, p(i, k) + inst.inputS[i * m + machines[k]!]!);
    big += worst;
  }
  for (let i = 0; i < n; i++) for (let q = inst.succStart[i]!; q < inst.succStart[i + 1]!; q++) {
    let worst = 0;
    for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) worst = Math.max(worst, commSeconds(inst, inst.succEdge[q]!, a, b));
    big += worst;
  }
  const ub = Math.min(big, options.upperBound ?? big);
  // Every start plus run is at most the makespan bound, so the bound is a valid big-M and a tight one.
  big = ub;
  const rows: string[] = [];
  const bins: string[] = [];
  const x = (i: number, k: number) => `x${i}_${k}`;
  const term = (c: number, v: string) => `${c >= 0 ? '+' : '-'} ${fmt(Math.abs(c))} ${v}`;
  for (let i = 0; i < n; i++) {
    const vars: string[] = [];
    const input: string[] = [];
    const done: string[] = [term(1, `s${i}`)];
    for (let k = 0; k < K; k++) if (ok(i, k)) {
      vars.push(x(i, k)); bins.push(x(i, k));
      done.push(term(p(i, k), x(i, k)));
      const t = inst.inputS[i * m + machines[k]!]!;
      if (t > 0) input.push(term(-t, x(i, k)));
    }
    rows.push(`one${i}: ${vars.join(' + ')} = 1`);
    if (input.length) rows.push(`in${i}: s${i} ${input.join(' ')} >= 0`);
    rows.push(`mk${i}: C ${done.map((d) => d.replace(/^\+ /, '- ')).join(' ')} >= 0`);
  }
  for (let i = 0; i < n; i++) for (let q = inst.succStart[i]!; q < inst.succStart[i + 1]!; q++) {
    const j = inst.succIdx[q]!;
    const edge = inst.succEdge[q]!;
    const parts = [`s${j}`, `- s${i}`];
    for (let k = 0; k < K; k++) if (ok(i, k)) parts.push(term(-p(i, k), x(i, k)));
    const costs = new Set<number>();
    for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) { const c = commSeconds(inst, edge, a, b); if (c > 0) costs.add(c); }
    if (costs.size === 1) {
      // One transfer cost between any two groups: pay it unless both ends share a group (z = 1), a much tighter model.
      const c = [...costs][0]!;
      parts.push(term(-c, 'ONE'));
      for (let g = 0; g < inst.groups.length; g++) {
        const xa = machines.map((e, k) => [e, k] as const).filter(([e, k]) => inst.group[e] === g && ok(i, k)).map(([, k]) => x(i, k));
        const xb = machines.map((e, k) => [e, k] as const).filter(([e, k]) => inst.group[e] === g && ok(j, k)).map(([, k]) => x(j, k));
        if (!xa.length || !xb.length) continue;
        const z = `z${i}_${j}_${g}`;
        parts.push(term(c, z));
        rows.push(`za${z}: ${z} - ${xa.join(' - ')} <= 0`);
        rows.push(`zb${z}: ${z} - ${xb.join(' - ')} <= 0`);
      }
    } else {
      for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) {
        const c = commSeconds(inst, edge, a, b);
        if (c <= 0) continue;
        const w = `w${i}_${j}_${a}_${b}`;
        parts.push(term(-c, w));
        const xa = machinesOf(machines, a).filter((k) => ok(i, k)).map((k) => `- ${x(i, k)}`);
        const xb = machinesOf(machines, b).filter((k) => ok(j, k)).map((k) => `- ${x(j, k)}`);
        if (xa.length && xb.length) rows.push(`l${w}: ${w} ${xa.join(' ')} ${xb.join(' ')} >= -1`);
      }
    }
    rows.push(`p${i}_${j}: ${parts.join(' ')} >= 0`);
  }
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
    if (reach(i, j) || reach(j, i)) continue;
    const shared = [];
    for (let k = 0; k < K; k++) if (ok(i, k) && ok(j, k)) shared.push(k);
    if (!shared.length) continue;
    const o = `o${i}_${j}`;
    bins.push(o);
    for (const k of shared) {
      // o = 1: i before j on k; o = 0: j before i; relaxed unless both are on k.
      rows.push(`a${i}_${j}_${k}: s${i} - s${j} + ${fmt(big)} ${o} + ${fmt(big)} ${x(i, k)} + ${fmt(big)} ${x(j, k)} <= ${fmt(3 * big - p(i, k))}`);
      rows.push(`b${i}_${j}_${k}: s${j} - s${i} - ${fmt(big)} ${o} + ${fmt(big)} ${x(i, k)} + ${fmt(big)} ${x(j, k)} <= ${fmt(2 * big - p(j, k))}`);
    }
  }
  if (options.budgetUsd !== undefined) {
    const cost: string[] = [];
    for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) if (ok(i, k)) cost.push(term(inst.usd[i * m + machines[k]!]!, x(i, k)));
    rows.push(`budget: ${cost.join(' ').replace(/^\+ /, '')} <= ${fmt(options.budgetUsd)}`);
  }
  const lp = `Minimize\n obj: C\nSubject To\n ${rows.join('\n ')}\nBounds\n 0 <= C <= ${fmt(ub)}\n ONE = 1\nBinary\n ${bins.join(' ')}\nEnd\n`;
  const solver = await (highs ??= loadHighs());
  return solver.withModel({ format: 'lp', data: lp }, (model) => {
    model.options.set({ output_flag: false, time_limit: options.timeLimitS, mip_rel_gap: 1e-4 });
    model.run();
    const code = model.getModelStatus();
    const status = Object.entries(solver.constants.modelStatus).find(([, v]) => v === code)?.[0] ?? String(code);
    const sol = model.getSolution();
    if (!sol || !sol.colValue || sol.colValue.length === 0 || !hasPrimal(model)) return undefined;
    const value = (name: string) => sol.colValue[model.getColByName(name)]!;
    let gap = Number(model.info.get('mip_gap'));
    if (!Number.isFinite(gap)) gap = Infinity;
    const assigned = new Int32Array(n);
    const start = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let best = -1; let bestV = -1;
      for (let k = 0; k < K; k++) if (ok(i, k)) { const v = value(x(i, k)); if (v > bestV) { bestV = v; best = k; } }
      assigned[i] = machines[best]!;
      start[i] = value(`s${i}`);
    }
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => start[a]! - start[b]! || inst.topo[a]! - inst.topo[b]!);
    const schedule = new Schedule(inst);
    for (const i of order) schedule.place(i, assigned[i]!, true);
    return { schedule, status, gap: Math.max(0, gap), objective: model.getObjectiveValue() };
  });
}

function hasPrimal(model: { info: { get(name: string): number | bigint } }): boolean {
  try { return Number(model.info.get('primal_solution_status')) >= 2; } catch { return true; }
}

function machinesOf(machines: number[], e: number): number[] {
  const out: number[] = [];
  machines.forEach((x, k) => { if (x === e) out.push(k); });
  return out;
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(12);
}

/** reach(i, j): is there a path from task i to task j? (small graphs only) */
function reachability(inst: Instance): (i: number, j: number) => boolean {
  const n = inst.n;
  const bits = Array.from({ length: n }, () => new Uint8Array(n));
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[inst.topo[i]!] = i;
  for (let k = n - 1; k >= 0; k--) {
    const i = order[k]!;
    for (let q = inst.succStart[i]!; q < inst.succStart[i + 1]!; q++) {
      const j = inst.succIdx[q]!;
      bits[i]![j] = 1;
      for (let t = 0; t < n; t++) if (bits[j]![t]) bits[i]![t] = 1;
    }
  }
  return (i, j) => bits[i]![j] === 1;
}
