import { z } from 'zod';

const positive = (what: string) => z.number({ error: `must be a number of ${what} > 0` }).positive({ error: `must be a number of ${what} > 0` });
const nonNegative = (what: string) => z.number({ error: `must be a number of ${what} >= 0` }).min(0, { error: `must be a number of ${what} >= 0` });

/**
 * Fields of a simulated endpoint in endpoints.yaml (kind: simulated), beyond
 * the common name, kind, workers, transferGroup, cost and labels.
 *
 * @example
 * ```yaml
 * - name: aws-spot
 *   kind: simulated
 *   workers: 8
 *   speed: 2.5            # or calibration: 1800 (with referenceCalibration)
 *   transferGroup: aws
 *   coldStartS: 2
 *   cost: { usdPerHour: 0.034, watts: 0 }
 *   preemptionPerHour: 0.2
 *   availability: 0.98
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

const link = z.strictObject({ latencyS: nonNegative('seconds'), bytesPerS: positive('bytes per second') });

/** One entry of `endpoints:` for the simulator. */
export const simulatedEndpointEntrySchema = simulatedOptionsSchema.extend({
  name: z.string({ error: 'must be a name (text)' }).regex(/^[\w.-]+$/, { error: 'must be letters, digits, ".", "-" or "_"' }),
  kind: z.literal('simulated', { error: 'must be "simulated" (corral simulate only runs simulated endpoints)' }).optional(),
  workers: z.number({ error: 'must be a whole number of workers >= 1' }).int({ error: 'must be a whole number of workers >= 1' }).min(1, { error: 'must be a whole number of workers >= 1' }).optional(),
  transferGroup: z.string({ error: 'must be a transfer group name (text)' }).optional(),
  cost: simulatedCostSchema.optional(),
  labels: z.record(z.string(), z.string({ error: 'label values must be text' })).optional(),
});

/** The whole endpoints.yaml of a simulation: endpoints, transfer links, reference calibration. */
export const simulatedEndpointsFileSchema = z.strictObject({
  referenceCalibration: positive('calibration iterations/s').optional(),
  transfer: z.strictObject({
    default: link.optional(),
    links: z.array(link.extend({ from: z.string({ error: 'must be a transfer group name' }), to: z.string({ error: 'must be a transfer group name' }) })).optional(),
  }).optional(),
  endpoints: z.array(simulatedEndpointEntrySchema, { error: 'must be a list of endpoints' }).min(1, { error: 'must list at least one endpoint' }),
});

/** A parsed simulator endpoints.yaml. */
export type SimulatedEndpointsFile = z.output<typeof simulatedEndpointsFileSchema>;
/** One simulated endpoint entry. */
export type SimulatedEndpointEntry = z.output<typeof simulatedEndpointEntrySchema>;
