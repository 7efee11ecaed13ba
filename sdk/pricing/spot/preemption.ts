import { PricingError } from '../errors.js';

/** Hours in an average month: the Spot Advisor's bands are per month. */
const MONTH_HOURS = 730;

/** Share of instances interrupted per month that corral assumes inside each Spot Advisor band. */
const BAND_MONTHLY_RATE: Readonly<Record<string, number>> = Object.freeze({
  '<5%': 0.025, '5-10%': 0.075, '10-15%': 0.125, '15-20%': 0.175, '>20%': 0.3,
});

/**
 * Spot Advisor interruption bands corral knows.
 *
 * @example
 * ```ts
 * INTERRUPTION_BANDS.includes('5-10%'); // true
 * ```
 */
export const INTERRUPTION_BANDS: readonly string[] = Object.freeze(Object.keys(BAND_MONTHLY_RATE));

/**
 * How often a spot instance is interrupted: a prior from its Spot Advisor
 * band, updated by interruptions corral observed (a Gamma-Poisson update in
 * which the prior counts as one month of exposure).
 *
 * @example
 * ```ts
 * const m = new PreemptionModel('5-10%');
 * m.observe(40, 1);            // ran 40 h, interrupted once
 * m.ratePerHour();             // ≈ 0.0013
 * ```
 */
export class PreemptionModel {
  private alpha: number;
  private beta = MONTH_HOURS;

  constructor(readonly band: string, observedHours = 0, observedInterruptions = 0) {
    const monthly = BAND_MONTHLY_RATE[band];
    if (monthly === undefined) {
      throw new PricingError('CORRAL_COST_CONFIG', `interruption band "${band}" is unknown; allowed: ${INTERRUPTION_BANDS.join(', ')}`);
    }
    this.alpha = -Math.log(1 - monthly);
    this.observe(observedHours, observedInterruptions);
  }

  /** Adds exposure: `hours` run on this kind of instance with `interruptions` interruptions. */
  observe(hours: number, interruptions: number): void {
    if (!(hours >= 0) || !(interruptions >= 0)) {
      throw new PricingError('CORRAL_COST_CONFIG', `preemption observation must have hours >= 0 and interruptions >= 0 (got ${hours} h, ${interruptions})`);
    }
    this.alpha += interruptions;
    this.beta += hours;
  }

  /** Posterior mean interruptions per hour. */
  ratePerHour(): number {
    return this.alpha / this.beta;
  }
}

/** How a job survives an interruption. */
export interface RecoveryOptions {
  /** Hours between checkpoints; omitted with a `checkpointCostHours` = the Young/Daly optimum. */
  readonly checkpointIntervalHours?: number;
  /** Hours one checkpoint takes; 0 or omitted = no checkpointing (restart from scratch). */
  readonly checkpointCostHours?: number;
  /** Hours from an interruption until the job runs again (new instance, reload), not billed. Default 0.05 (3 min). */
  readonly restartHours?: number;
}

/** Expected run of a job with interruptions and re-execution. */
export interface ExpectedRun {
  /** Wall-clock hours until the job is done, including waits after interruptions. */
  readonly wallHours: number;
  /** Billed instance hours: work, lost work redone and checkpoints. */
  readonly billedHours: number;
  readonly expectedInterruptions: number;
  /** Checkpoint interval used (hours), or undefined without checkpointing. */
  readonly checkpointIntervalHours?: number;
}

/**
 * Expected wall-clock and billed hours of `hours` of work at `ratePerHour`
 * interruptions per hour. Without checkpoints a job restarts from scratch:
 * wall = (1/λ + R)(e^{λT} − 1). With checkpoints of cost C every τ hours,
 * each of the n = ⌈T/τ⌉ − 1 checkpointed segments costs (1/λ + R)(e^{λ(τ+C)} − 1)
 * and the last one, of L = T − nτ hours, needs no checkpoint: (1/λ + R)(e^{λL} − 1).
 * A job shorter than the interval pays no checkpoint at all.
 *
 * @example
 * ```ts
 * expectedRun(10, 0.01);                                  // from scratch
 * expectedRun(10, 0.01, { checkpointCostHours: 0.05 });   // checkpoint at the optimum interval
 * ```
 */
export function expectedRun(hours: number, ratePerHour: number, recovery: RecoveryOptions = {}): ExpectedRun {
  if (!(hours >= 0)) throw new PricingError('CORRAL_COST_CONFIG', `job length must be >= 0 hours (got ${hours})`);
  const restart = recovery.restartHours ?? 0.05;
  const lambda = ratePerHour;
  if (!(lambda > 0) || hours === 0) return { wallHours: hours, billedHours: hours, expectedInterruptions: 0 };
  const cost = recovery.checkpointCostHours ?? 0;
  if (cost <= 0) {
    const failures = Math.expm1(lambda * hours);
    const wall = (1 / lambda + restart) * failures;
    return { wallHours: wall, billedHours: wall - failures * restart, expectedInterruptions: failures };
  }
  const daly = Math.sqrt((2 * cost) / lambda) - cost;
  const tau = Math.min(hours, Math.max(cost, recovery.checkpointIntervalHours ?? daly));
  const checkpointed = Math.max(0, Math.ceil(hours / tau - 1e-9) - 1);
  const last = hours - checkpointed * tau;
  const failures = checkpointed * Math.expm1(lambda * (tau + cost)) + Math.expm1(lambda * last);
  const wall = (1 / lambda + restart) * failures;
  return { wallHours: wall, billedHours: wall - failures * restart, expectedInterruptions: failures, checkpointIntervalHours: tau };
}
