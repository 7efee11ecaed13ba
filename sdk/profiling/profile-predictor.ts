import type { EndpointDescription } from '../endpoints/index.js';
import { endpointFeatures } from './endpoint/endpoint-features.js';
import { fitComposite, type CompositeModel } from './models/composite-model.js';
import type { FeatureRow } from './models/feature-basis.js';
import type { ObservedRun, Prediction, Predictor } from './predictor.js';
import { RecentRuns } from './recent-runs.js';
import type { ProfileStore } from './store/profile-store.js';

/** Options of {@link ProfilePredictor}. */
export interface ProfilePredictorOptions {
  /** Learn from the runs already in this store (and read endpoint calibrations from it). */
  readonly store?: ProfileStore;
  /** Seconds assumed for a task never run (default 1), with an equally wide stdev. */
  readonly priorSeconds?: number;
  /**
   * Refit a task's model when its observations grow by this factor (default 2):
   * the fits of a long run cost a bounded share of it (their number grows with
   * the log of its calls), and each run adapts the endpoint's offset in between.
   */
  readonly refitGrowth?: number;
  /** Observations of a task before a composite model replaces running means (default 3). */
  readonly minObservations?: number;
  /** Most recent observations a refit uses (default 2000). */
  readonly window?: number;
}

interface RunningStat { n: number; mean: number; m2: number }

interface TaskProfile {
  /** The calls' own features; endpoint features are joined at fit time, so an endpoint described late still counts. */
  runs: RecentRuns;
  featureNames: Set<string>;
  /** Runs observed when the model was last fitted. */
  fittedAt: number;
  /** Runs observed when the model's offsets last caught up. */
  adaptedTo: number;
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
 * adapts that endpoint's offset (one-observation retraining) and the model is
 * refitted as observations grow. Observing a run only updates running means
 * and keeps the run: the model catches up when a prediction is next asked
 * for, so a run of many calls does not fit (or load the linear algebra) per
 * call. Before a model exists it answers from running means, and before any
 * run from the prior: never NaN.
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

  constructor(private readonly options: ProfilePredictorOptions = {}) {
    this.prior = options.priorSeconds !== undefined && options.priorSeconds > 0 ? options.priorSeconds : 1;
    if (options.store) {
      for (const e of options.store.endpoints()) {
        this.endpointRows.set(e.endpoint, { features: endpointFeatures({ hardware: { ...e.hardware, calibration: e.calibration ?? e.hardware.calibration } }) });
      }
      // Observing only keeps the runs: each task fits once, when it is first predicted.
      for (const run of options.store.observedRuns()) this.observe(run);
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
    this.catchUp(task);
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
    if (task) this.catchUp(task);
    if (!task?.model) return undefined;
    const p = task.model.predict(features, endpoint.name, this.endpointOf(endpoint));
    return Number.isFinite(p.lower80) && Number.isFinite(p.upper80) ? { lower80: p.lower80, upper80: p.upper80 } : undefined;
  }

  observe(run: ObservedRun): void {
    if (run.outcome !== 'ok' || !(run.runSeconds > 0) || !Number.isFinite(run.runSeconds)) return;
    const task = this.taskOf(run.taskId);
    task.runs.push(run.features, run.endpoint, run.runSeconds);
    for (const k in run.features) task.featureNames.add(k);
    push(task.all, run.runSeconds);
    let s = task.stats.get(run.endpoint);
    if (!s) task.stats.set(run.endpoint, (s = { n: 0, mean: 0, m2: 0 }));
    push(s, run.runSeconds);
  }

  /** The fitted model of a task, if it has one (for `corral profile show`). */
  modelOf(taskId: string): CompositeModel | undefined {
    const task = this.tasks.get(taskId);
    if (task) this.catchUp(task);
    return task?.model;
  }

  /** Brings a task's model up to its runs: a refit when they grew enough, else each new run adapts its endpoint's offset. */
  private catchUp(task: TaskProfile): void {
    const n = task.runs.total;
    // fittedAt 0 with a model: an endpoint described late asks for a refit.
    if (n === task.adaptedTo && !(task.model && task.fittedAt === 0)) return;
    if (n >= (this.options.minObservations ?? 3) && n >= task.fittedAt * (this.options.refitGrowth ?? 2)) {
      this.refit(task);
      return;
    }
    const model = task.model;
    if (model) task.runs.forLast(n - task.adaptedTo, (features, endpoint, seconds) => model.adapt(endpoint, features, seconds, this.endpointRows.get(endpoint)?.features));
    task.adaptedTo = n;
  }

  private refit(task: TaskProfile): void {
    const { inputs, groups, response } = task.runs.oldestFirst();
    const rows = inputs.map((f, i) => this.rowOf(f, groups[i]));
    try {
      const names = new Set(task.featureNames);
      for (const r of rows) for (const k of Object.keys(r)) names.add(k);
      const model = fitComposite({ rows, response, groups }, { features: [...names].sort(), retrain: 1, folds: 5 });
      rows.forEach((r, i) => model.adapt(groups[i], r, response[i]));
      task.model = model;
    } catch {
      // A refit that fails (degenerate data) keeps the previous model or the running means.
      task.runs.forLast(task.runs.total - task.adaptedTo, (features, endpoint, seconds) => task.model?.adapt(endpoint, features, seconds, this.endpointRows.get(endpoint)?.features));
    }
    task.fittedAt = task.runs.total;
    task.adaptedTo = task.runs.total;
  }

  private taskOf(taskId: string): TaskProfile {
    let t = this.tasks.get(taskId);
    if (!t) {
      t = { runs: new RecentRuns(this.options.window ?? 2000), featureNames: new Set(), fittedAt: 0, adaptedTo: 0, stats: new Map(), all: { n: 0, mean: 0, m2: 0 } };
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
      // Runs observed before the endpoint was described lacked its hardware: refit at the next prediction.
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

function push(s: RunningStat, x: number): void {
  s.n += 1;
  const d = x - s.mean;
  s.mean += d / s.n;
  s.m2 += d * (x - s.mean);
}

function spread(s: RunningStat): number {
  return s.n > 1 ? Math.sqrt(s.m2 / (s.n - 1)) : s.mean * 0.5;
}
