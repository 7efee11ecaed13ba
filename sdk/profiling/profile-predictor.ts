import type { EndpointDescription } from '../endpoints/index.js';
import { endpointFeatures } from './endpoint/endpoint-features.js';
import { fitComposite, type CompositeModel } from './models/composite-model.js';
import type { FeatureRow } from './models/feature-basis.js';
import type { ObservedRun, Prediction, Predictor } from './predictor.js';
import type { ProfileStore } from './store/profile-store.js';

/** Options of {@link ProfilePredictor}. */
export interface ProfilePredictorOptions {
  /** Learn from the runs already in this store (and read endpoint calibrations from it). */
  readonly store?: ProfileStore;
  /** Seconds assumed for a task never run (default 1), with an equally wide stdev. */
  readonly priorSeconds?: number;
  /** Refit a task's model when its observations grow by this factor (default 1.25). */
  readonly refitGrowth?: number;
  /** Observations of a task before a composite model replaces running means (default 3). */
  readonly minObservations?: number;
  /** Most recent observations a refit uses (default 2000). */
  readonly window?: number;
}

interface RunningStat { n: number; mean: number; m2: number }

interface TaskProfile {
  /** The calls' own features; endpoint features are joined at fit time, so an endpoint described late still counts. */
  inputs: Readonly<Record<string, number>>[];
  response: number[];
  groups: string[];
  featureNames: Set<string>;
  /** Successful runs observed, all told (the arrays above keep only the most recent). */
  observed: number;
  fittedAt: number;
  model?: CompositeModel;
  stats: Map<string, RunningStat>;
  all: RunningStat;
}

/** How many times the observed spread (or mean) a model's predicted stdev may be before it is not believed. */
const PLAUSIBLE_SPREAD = 10;

/**
 * The profiling predictor: a composite model per task across the call's
 * input features and each endpoint's hardware and calibration, so it
 * predicts endpoints a task never ran on; each observation on an endpoint
 * adapts that endpoint's offset at once (one-observation retraining) and the
 * model is refitted as observations grow. Before a model exists it answers
 * from running means, and before any run from the prior: never NaN.
 *
 * @example
 * ```ts
 * const predictor = new ProfilePredictor({ store: new ProfileStore(db), priorSeconds: 2 });
 * const corral = await Corral.open({ predictor });
 * predictor.predict('Images.thumbnail', { bytes: 2e6 }, gpuBox.describe()); // { seconds, stdev, source: 'model' }
 * ```
 */
export class ProfilePredictor implements Predictor {
  private readonly tasks = new Map<string, TaskProfile>();
  private readonly endpointRows = new Map<string, { description?: EndpointDescription; features: Record<string, number | string> }>();
  private readonly prior: number;
  private loading = false;

  constructor(private readonly options: ProfilePredictorOptions = {}) {
    this.prior = options.priorSeconds !== undefined && options.priorSeconds > 0 ? options.priorSeconds : 1;
    if (options.store) {
      for (const e of options.store.endpoints()) {
        this.endpointRows.set(e.endpoint, { features: endpointFeatures({ hardware: { ...e.hardware, calibration: e.calibration ?? e.hardware.calibration } }) });
      }
      // Bulk load, then one fit per task: refitting as the history streams in would fit dozens of times.
      this.loading = true;
      for (const run of options.store.observedRuns()) this.observe(run);
      this.loading = false;
      for (const task of this.tasks.values()) if (task.inputs.length >= (options.minObservations ?? 3)) this.refit(task);
    }
  }

  /** Makes an endpoint's hardware known before any prediction names it. */
  describeEndpoint(description: EndpointDescription): void {
    this.endpointOf(description);
  }

  predict(taskId: string, features: Readonly<Record<string, number>>, endpoint: EndpointDescription): Prediction {
    const ep = this.endpointOf(endpoint);
    const task = this.tasks.get(taskId);
    if (!task) return this.priorPrediction();
    const observed = this.observed(task, endpoint.name);
    if (task.model) {
      const { mu, sd } = task.model.predictLog(features, endpoint.name, ep);
      const seconds = Math.exp(mu);
      const stdev = seconds * Math.sqrt(Math.expm1(sd * sd));
      // A few scattered runs (a cold first call) can give a log-scale spread whose
      // log-normal stdev is days for a millisecond task: then the runs speak instead.
      const plausible = !observed || stdev <= PLAUSIBLE_SPREAD * Math.max(observed.stdev, observed.seconds);
      if (seconds > 0 && Number.isFinite(seconds) && Number.isFinite(stdev) && plausible) return { seconds, stdev, source: 'model' };
    }
    return observed ?? this.priorPrediction();
  }

  /** The running mean and spread of a task's runs, here or anywhere, if it ran. */
  private observed(task: TaskProfile, endpoint: string): Prediction | undefined {
    const here = task.stats.get(endpoint);
    if (here) return { seconds: here.mean, stdev: spread(here), source: 'observed' };
    if (task.all.n > 0) return { seconds: task.all.mean, stdev: Math.max(spread(task.all), task.all.mean), source: 'observed' };
    return undefined;
  }

  /**
   * The 80% interval of a prediction (seconds), when a model exists: what
   * budget checks and risk-aware placement consume.
   */
  interval(taskId: string, features: Readonly<Record<string, number>>, endpoint: EndpointDescription): { lower80: number; upper80: number } | undefined {
    const task = this.tasks.get(taskId);
    if (!task?.model) return undefined;
    const p = task.model.predict(features, endpoint.name, this.endpointOf(endpoint));
    return Number.isFinite(p.lower80) && Number.isFinite(p.upper80) ? { lower80: p.lower80, upper80: p.upper80 } : undefined;
  }

  observe(run: ObservedRun): void {
    if (run.outcome !== 'ok' || !(run.runSeconds > 0) || !Number.isFinite(run.runSeconds)) return;
    const task = this.taskOf(run.taskId);
    const row = this.rowOf(run.features, run.endpoint);
    task.inputs.push(run.features);
    task.response.push(run.runSeconds);
    task.groups.push(run.endpoint);
    for (const k of Object.keys(run.features)) task.featureNames.add(k);
    push(task.all, run.runSeconds);
    const s = task.stats.get(run.endpoint) ?? { n: 0, mean: 0, m2: 0 };
    push(s, run.runSeconds);
    task.stats.set(run.endpoint, s);
    task.model?.adapt(run.endpoint, row, run.runSeconds);
    const n = ++task.observed;
    forgetOldest(task, this.options.window ?? 2000);
    if (!this.loading && n >= (this.options.minObservations ?? 3) && n >= task.fittedAt * (this.options.refitGrowth ?? 1.25)) this.refit(task);
  }

  /** The fitted model of a task, if it has one (for `corral profile show`). */
  modelOf(taskId: string): CompositeModel | undefined {
    return this.tasks.get(taskId)?.model;
  }

  private refit(task: TaskProfile): void {
    const window = this.options.window ?? 2000;
    const from = Math.max(0, task.inputs.length - window);
    const groups = task.groups.slice(from);
    const rows = task.inputs.slice(from).map((f, i) => this.rowOf(f, groups[i]));
    const response = task.response.slice(from);
    try {
      const names = new Set(task.featureNames);
      for (const r of rows) for (const k of Object.keys(r)) names.add(k);
      const model = fitComposite({ rows, response, groups }, { features: [...names].sort(), retrain: 1, folds: 5 });
      rows.forEach((r, i) => model.adapt(groups[i], r, response[i]));
      task.model = model;
    } catch {
      // A refit that fails (degenerate data) keeps the previous model or the running means.
    }
    task.fittedAt = task.observed;
  }

  private taskOf(taskId: string): TaskProfile {
    let t = this.tasks.get(taskId);
    if (!t) {
      t = { inputs: [], response: [], groups: [], featureNames: new Set(), observed: 0, fittedAt: 0, stats: new Map(), all: { n: 0, mean: 0, m2: 0 } };
      this.tasks.set(taskId, t);
    }
    return t;
  }

  private endpointOf(d: EndpointDescription): Record<string, number | string> {
    const known = this.endpointRows.get(d.name);
    if (known && known.description === d) return known.features;
    const stored = known && !known.description ? known.features : undefined;
    const features = endpointFeatures(d);
    if (!known) {
      // Runs observed before the endpoint was described lacked its hardware: refit at the next run.
      for (const t of this.tasks.values()) if (t.stats.has(d.name)) t.fittedAt = 0;
    }
    // A calibration measured earlier (in the store) still counts when the description lacks one.
    if (stored && features['ep.calibration'] === undefined && stored['ep.calibration'] !== undefined) features['ep.calibration'] = stored['ep.calibration'];
    this.endpointRows.set(d.name, { description: d, features });
    return features;
  }

  private rowOf(features: Readonly<Record<string, number>>, endpoint: string): FeatureRow {
    return merge(features, this.endpointRows.get(endpoint)?.features ?? {});
  }

  private priorPrediction(): Prediction {
    return { seconds: this.prior, stdev: this.prior, source: 'prior' };
  }
}

function merge(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number | string>>): FeatureRow {
  return { ...a, ...b };
}

/**
 * A refit reads only the last `window` runs: older ones are dropped (in one
 * splice once twice that many are kept), so a long run holds no record of every
 * call it made.
 */
function forgetOldest(task: TaskProfile, window: number): void {
  if (task.inputs.length < 2 * window) return;
  const drop = task.inputs.length - window;
  task.inputs.splice(0, drop);
  task.response.splice(0, drop);
  task.groups.splice(0, drop);
}

function push(s: RunningStat, x: number): void {
  s.n += 1;
  const d = x - s.mean;
  s.mean += d / s.n;
  s.m2 += d * (x - s.mean);
}

function spread(s: RunningStat): number {
  return s.n > 1 ? Math.sqrt(s.m2 / (s.n - 1)) : s.mean * 0.5;
}
