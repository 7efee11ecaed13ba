import { z } from 'zod';

const positive = (what: string) => z.number({ error: `must be a number of ${what} > 0` }).positive({ error: `must be a number of ${what} > 0` });
const nonNegative = (what: string) => z.number({ error: `must be a number of ${what} >= 0` }).min(0, { error: `must be a number of ${what} >= 0` });

/**
 * Fields of a simulated endpoint in endpoints.yaml (kind: simulated), beyond
 * the common kind, workers, transferGroup, cost and labels.
 *
 * @example
 * ```yaml
 * endpoints:
 *   aws-spot:
 *     kind: simulated
 *     workers: 8
 *     speed: 2.5            # or calibration: 1800 (with top-level referenceCalibration)
 *     transferGroup: aws
 *     coldStartS: 2
 *     cost: { usdPerHour: 0.034, watts: 0 }
 *     preemptionPerHour: 0.2
 *     availability: 0.98
 * ```
 */
export const simulatedOptionsSchema = z.strictObject({
  /** Relative speed: run seconds = recorded seconds / speed. */
  speed: positive('times the reference speed').optional(),
  /** Calibration score; speed = calibration / referenceCalibration. */
  calibration: positive('calibration iterations/s').optional(),
  coldStartS: nonNegative('seconds').optional(),
  preemptionPerHour: nonNegative('preemptions per busy worker-hour').optional(),
  availability: z.number({ error: 'must be a probability between 0 and 1' }).min(0, { error: 'must be a probability between 0 and 1' }).max(1, { error: 'must be a probability between 0 and 1' }).optional(),
  noiseCv: nonNegative('coefficient of variation').optional(),
  memoryGiB: positive('GiB').optional(),
  gpus: z.number({ error: 'must be a whole number of GPUs >= 0' }).int({ error: 'must be a whole number of GPUs >= 0' }).min(0, { error: 'must be a whole number of GPUs >= 0' }).optional(),
});

/** The price model of a simulated endpoint: dollars per busy worker-hour and watts per busy worker. */
export const simulatedCostSchema = z.strictObject({
  usdPerHour: nonNegative('US dollars per hour').optional(),
  watts: nonNegative('watts').optional(),
});
