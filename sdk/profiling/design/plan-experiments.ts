import { ProfilingError } from '../errors.js';
import { endpointFeatures } from '../endpoint/endpoint-features.js';
import type { FeatureRow } from '../models/feature-basis.js';
import type { ProfileStore } from '../store/profile-store.js';
import { DesignSpace } from './design-space.js';
import { planExperiments } from './experiment-design.js';

/** One proposed experiment: run the task with these inputs on this endpoint. */
export interface PlannedExperiment {
  readonly endpoint: string;
  readonly features: Readonly<Record<string, number>>;
}

/**
 * The next experiments for a task: candidates are every endpoint the store
 * knows × every input (the task's distinct observed features, or `inputs`);
 * pairs already run count as observed; active design picks `budget` more
 * (`stopAt`: how many of them the stopping rule says are worth running).
 *
 * @example
 * ```ts
 * planTaskExperiments(store, 'Images.thumbnail', { budget: 3, inputs: [{ bytes: 1e5 }, { bytes: 1e7 }] });
 * ```
 */
export function planTaskExperiments(
  store: ProfileStore,
  taskId: string,
  options: { budget: number; inputs?: readonly Readonly<Record<string, number>>[] },
): { candidates: number; observed: number; experiments: PlannedExperiment[]; stopAt: number } {
  const endpoints = store.endpoints();
  if (endpoints.length === 0) {
    throw new ProfilingError('CORRAL_PROFILE_TOO_FEW_ROWS', `profile plan ${taskId}: the store knows no endpoints yet; open a session with them (or characterise them) first`);
  }
  const runs = store.observedRuns(taskId);
  const inputs = options.inputs?.length ? options.inputs : distinct(runs.map((r) => r.features));
  if (inputs.length === 0) {
    throw new ProfilingError('CORRAL_PROFILE_TOO_FEW_ROWS', `profile plan ${taskId}: no recorded runs and no --inputs; give the inputs to plan for`);
  }
  const pool: FeatureRow[] = [];
  const meta: PlannedExperiment[] = [];
  for (const e of endpoints) {
    const ef = endpointFeatures({ hardware: { ...e.hardware, calibration: e.calibration ?? e.hardware.calibration } });
    for (const f of inputs) { pool.push({ ...f, ...ef }); meta.push({ endpoint: e.endpoint, features: f }); }
  }
  const ran = new Set(runs.map((r) => `${r.endpoint}\u0000${canonical(r.features)}`));
  const observed = meta.flatMap((m, i) => (ran.has(`${m.endpoint}\u0000${canonical(m.features)}`) ? [i] : []));
  const names = [...new Set(pool.flatMap((r) => Object.keys(r)))].sort();
  const { plan, stopAt } = planExperiments(new DesignSpace(pool, names), Math.min(options.budget, pool.length - observed.length), { observed });
  return { candidates: pool.length, observed: observed.length, experiments: plan.map((i) => meta[i]), stopAt };
}

function canonical(f: Readonly<Record<string, number>>): string {
  return JSON.stringify(Object.keys(f).sort().map((k) => [k, f[k]]));
}

function distinct(list: readonly Readonly<Record<string, number>>[]): Readonly<Record<string, number>>[] {
  const seen = new Map<string, Readonly<Record<string, number>>>();
  for (const f of list) seen.set(canonical(f), f);
  return [...seen.values()];
}
