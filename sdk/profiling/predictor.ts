import type { EndpointDescription } from '../endpoints/index.js';

/** Predicted run time of one call on one endpoint. */
export interface Prediction {
  readonly seconds: number;
  readonly stdev: number;
  /** `observed`: from runs of this task here; `model`: a fitted model; `prior`: nothing known yet. */
  readonly source: 'observed' | 'model' | 'prior';
}

/** One finished attempt, as the predictor learns from it. */
export interface ObservedRun {
  readonly taskId: string;
  readonly endpoint: string;
  readonly features: Readonly<Record<string, number>>;
  readonly runSeconds: number;
  readonly queueSeconds?: number;
  readonly coldStartSeconds?: number;
  readonly transferInBytes?: number;
  readonly transferOutBytes?: number;
  readonly outcome: 'ok' | 'error';
}

/**
 * The Predictor seam: how long will this call take on that endpoint?
 *
 * @example
 * ```ts
 * const p = new RunningMeanPredictor();
 * p.observe({ taskId: 'Images.thumbnail', endpoint: 'laptop', features: { bytes: 1e6 }, runSeconds: 0.2, outcome: 'ok' });
 * p.predict('Images.thumbnail', { bytes: 1e6 }, laptop.describe()); // { seconds: 0.2, ... }
 * ```
 */
export interface Predictor {
  predict(taskId: string, features: Readonly<Record<string, number>>, endpoint: EndpointDescription): Prediction;
  observe(run: ObservedRun): void;
}

/**
 * The simplest honest predictor: mean and spread of past runs of the task on
 * the endpoint, else on any endpoint, else a wide prior.
 *
 * @example
 * ```ts
 * const corral = await Corral.open({ predictor: new RunningMeanPredictor({ priorSeconds: 5 }) });
 * ```
 */
export class RunningMeanPredictor implements Predictor {
  private readonly stats = new Map<string, { n: number; mean: number; m2: number }>();
  constructor(private readonly options: { priorSeconds?: number } = {}) {}

  predict(taskId: string, _features: Readonly<Record<string, number>>, endpoint: EndpointDescription): Prediction {
    const here = this.stats.get(`${taskId}\u0000${endpoint.name}`);
    if (here) return { seconds: here.mean, stdev: spread(here), source: 'observed' };
    const anywhere = this.stats.get(taskId);
    if (anywhere) return { seconds: anywhere.mean, stdev: Math.max(spread(anywhere), anywhere.mean), source: 'observed' };
    const prior = this.options.priorSeconds ?? 1;
    return { seconds: prior, stdev: prior, source: 'prior' };
  }

  observe(run: ObservedRun): void {
    if (run.outcome !== 'ok' || !Number.isFinite(run.runSeconds)) return;
    for (const key of [`${run.taskId}\u0000${run.endpoint}`, run.taskId]) {
      const s = this.stats.get(key) ?? { n: 0, mean: 0, m2: 0 };
      s.n += 1;
      const delta = run.runSeconds - s.mean;
      s.mean += delta / s.n;
      s.m2 += delta * (run.runSeconds - s.mean);
      this.stats.set(key, s);
    }
  }
}

function spread(s: { n: number; mean: number; m2: number }): number {
  return s.n > 1 ? Math.sqrt(s.m2 / (s.n - 1)) : s.mean * 0.5;
}
