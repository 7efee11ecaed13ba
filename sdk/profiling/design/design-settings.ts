/**
 * Settings of the design model (a Gaussian process on log seconds over the
 * composite model's standardised power-law basis) and of the plan built on
 * it. A handful of experiments cannot fit these, so they are chosen by
 * nested cross-validation over groups (`compareDesigns(..., { nested: true })`).
 */
export interface DesignSettings {
  /** Prior variance of the slope of each basis term (the Bayesian ridge part, shared by every row). */
  readonly linear: number;
  /** Prior variance of the smooth local departure from the power law. */
  readonly local: number;
  /** Squared length scale of the local departure, per standardised input. */
  readonly lengthScale2: number;
  /** Observation noise variance of log seconds. */
  readonly noise: number;
  /** Experiments picked space-filling (greedy k-medoids) before variance reduction takes over. */
  readonly start: number;
}

/**
 * Settings used when none are given: the ones nested evaluation picked most
 * often on the ec2-bench development file (see docs/profiling.md).
 *
 * @example
 * ```ts
 * chooseExperiments(pool, features, 6, [], DEFAULT_DESIGN_SETTINGS);
 * ```
 */
export const DEFAULT_DESIGN_SETTINGS: DesignSettings = Object.freeze({ linear: 0.5, local: 0.25, lengthScale2: 1, noise: 0.05, start: 2 });

/**
 * The grid nested evaluation chooses from: linear-dominated models (which
 * favour extreme candidates) to local ones (which favour dense regions), low
 * and high noise, with and without a space-filling start.
 *
 * @example
 * ```ts
 * for (const s of designSettingsGrid()) console.log(describeSettings(s));
 * ```
 */
export function designSettingsGrid(): DesignSettings[] {
  const out: DesignSettings[] = [];
  for (const linear of [0.5, 2]) {
    for (const local of [0.25, 1]) {
      for (const lengthScale2 of [0.25, 1]) {
        for (const noise of [0.005, 0.05]) {
          for (const start of [0, 2]) out.push({ linear, local, lengthScale2, noise, start });
        }
      }
    }
  }
  return out;
}

/**
 * A short label of settings, for reports.
 *
 * @example
 * ```ts
 * describeSettings(DEFAULT_DESIGN_SETTINGS); // 'linear=0.5 local=0.25 ls2=1 noise=0.05 start=2'
 * ```
 */
export function describeSettings(s: DesignSettings): string {
  return `linear=${s.linear} local=${s.local} ls2=${s.lengthScale2} noise=${s.noise} start=${s.start}`;
}
