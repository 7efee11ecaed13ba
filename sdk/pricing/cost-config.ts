import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { EnergyCostModel, FreeCostModel, type CostModel } from './cost-model.js';
import { PricingError } from './errors.js';
import { HpcCostModel } from './hpc-cost-model.js';
import { OnDemandCostModel } from './on-demand-cost-model.js';
import { lookupPrice } from './price-table.js';
import { SpotCostModel } from './spot-cost-model.js';
import { INTERRUPTION_BANDS } from './spot/preemption.js';
import { readSpotPrices } from './spot/read-spot-prices.js';

const nonNegative = (what: string) => z.number({ error: `must be a number of ${what} >= 0` }).min(0, { error: `must be a number of ${what} >= 0` });
const positive = (what: string) => z.number({ error: `must be a number of ${what} > 0` }).positive({ error: `must be a number of ${what} > 0` });
const text = (what: string) => z.string({ error: `must be ${what}` }).min(1, { error: `must be ${what}` });

const energy = z.strictObject({
  model: z.literal('energy'),
  activeWatts: nonNegative('watts').optional(),
  idleWatts: nonNegative('watts').optional(),
  usdPerKWh: nonNegative('US dollars per kWh').optional(),
  gCo2PerKWh: nonNegative('grams of CO2 per kWh').optional(),
});

const onDemand = z.strictObject({
  model: z.literal('on-demand'),
  instanceType: text('an instance type such as c5.large').optional(),
  region: text('a region such as us-east-1').optional(),
  usdPerHour: positive('US dollars per hour').optional(),
  priceTable: text('a path to a price table CSV').optional(),
  minimumBilledS: nonNegative('seconds').optional(),
  egressUsdPerGB: nonNegative('US dollars per GB').optional(),
  watts: nonNegative('watts').optional(),
}).refine((c) => c.instanceType !== undefined || c.usdPerHour !== undefined, { error: 'needs instanceType (priced from the table) or usdPerHour', path: ['instanceType'] });

const spot = z.strictObject({
  model: z.literal('spot'),
  prices: text('a path to a spot price CSV (SpotLake or price-history events)'),
  instanceType: text('an instance type such as c5.large'),
  zone: text('a zone as the price file names it, such as use1-az1 or us-east-1a'),
  interruptionBand: z.enum(INTERRUPTION_BANDS as [string, ...string[]], { error: `must be one of ${INTERRUPTION_BANDS.join(', ')}` }).optional(),
  observedHours: nonNegative('hours').optional(),
  observedInterruptions: nonNegative('interruptions').optional(),
  checkpointCostS: nonNegative('seconds').optional(),
  checkpointIntervalS: positive('seconds').optional(),
  restartS: nonNegative('seconds').optional(),
  egressUsdPerGB: nonNegative('US dollars per GB').optional(),
});

const hpc = z.strictObject({
  model: z.literal('hpc'),
  suPerNodeHour: positive('service units per node-hour'),
  nodes: z.number({ error: 'must be a whole number of nodes >= 1' }).int({ error: 'must be a whole number of nodes >= 1' }).min(1, { error: 'must be a whole number of nodes >= 1' }).optional(),
  usdPerSu: nonNegative('US dollars per service unit').optional(),
  quotaSu: nonNegative('service units').optional(),
  queueWaitPerTaskS: nonNegative('seconds').optional(),
  wattsPerNode: nonNegative('watts').optional(),
});

const free = z.strictObject({ model: z.literal('free') });

const costConfigUnion = z.discriminatedUnion('model', [energy, onDemand, spot, hpc, free], {
  error: 'must have model: energy, on-demand, spot, hpc or free',
});

/**
 * The `cost:` block of an endpoints.yaml entry, discriminated by `model`
 * (a block without `model` is `energy`, a device we own):
 * `energy` (edge, local), `on-demand` (cloud, priced from the table),
 * `spot` (forecast + preemption), `hpc` (service units) or `free`.
 * Validation errors carry the path of the bad field.
 *
 * @example
 * ```ts
 * costConfigSchema.parse({ model: 'on-demand', instanceType: 'c5.large', region: 'us-east-1' });
 * costConfigSchema.parse({ model: 'energy', activeWatts: 6, usdPerKWh: 0.2 });
 * ```
 */
export const costConfigSchema = z.preprocess(
  (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) && !('model' in v) ? { model: 'energy', ...v } : v),
  costConfigUnion,
);

/** A validated `cost:` block. */
export type CostConfig = z.output<typeof costConfigSchema>;

/** Where a `cost:` block came from, for paths and messages. */
export interface CostConfigSource {
  /** Directory relative paths (`prices`, `priceTable`) are resolved from: endpoints.yaml's. Default: the working directory. */
  readonly baseDir?: string;
  /** Names the block in errors, e.g. `endpoints.yaml: endpoint "aws-spot"`. */
  readonly where?: string;
}

/**
 * Validates a `cost:` block and builds its CostModel. A missing block means
 * an energy-only model with default watts. Errors name the block, the field,
 * the bad value and what is allowed.
 *
 * @example
 * ```ts
 * const model = createCostModel({ model: 'on-demand', instanceType: 'c5.large' }, { where: 'endpoint "aws"' });
 * model.estimate(ep.describe(), 120, new Date()).usd;
 * ```
 */
export function createCostModel(config: unknown, source: CostConfigSource = {}): CostModel {
  const where = source.where ?? 'cost';
  if (config === undefined) return new EnergyCostModel();
  const parsed = costConfigSchema.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue.code === 'unrecognized_keys') {
      const model = (config as { model?: unknown }).model ?? 'energy';
      const allowed = Object.keys(costConfigUnion.options.find((o) => o.shape.model.value === model)?.shape ?? {});
      throw new PricingError('CORRAL_COST_CONFIG', `${where}: cost.${issue.keys[0]} is not a field of model "${String(model)}"; allowed: ${allowed.join(', ')}`);
    }
    const field = issue.path.length ? issue.path.join('.') : 'model';
    const value = issue.path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), config);
    throw new PricingError('CORRAL_COST_CONFIG', `${where}: cost.${field} ${issue.message} (got ${JSON.stringify(value)})`);
  }
  const c = parsed.data;
  const path = (p: string) => (isAbsolute(p) ? p : resolve(source.baseDir ?? process.cwd(), p));
  switch (c.model) {
    case 'energy':
      return new EnergyCostModel(c);
    case 'free':
      return new FreeCostModel();
    case 'hpc':
      return new HpcCostModel(c);
    case 'on-demand': {
      const usdPerHour = c.usdPerHour ?? lookupPrice(c.instanceType!, c.region ?? 'us-east-1', c.priceTable ? path(c.priceTable) : undefined).usdPerHour;
      return new OnDemandCostModel({ ...c, usdPerHour });
    }
    case 'spot':
      return new SpotCostModel({
        prices: () => readSpotPrices(path(c.prices), { instanceTypes: [c.instanceType] }),
        instanceType: c.instanceType, zone: c.zone,
        ...(c.interruptionBand ? { interruptionBand: c.interruptionBand } : {}),
        observedHours: c.observedHours ?? 0, observedInterruptions: c.observedInterruptions ?? 0,
        ...(c.checkpointCostS !== undefined ? { checkpointCostHours: c.checkpointCostS / 3600 } : {}),
        ...(c.checkpointIntervalS !== undefined ? { checkpointIntervalHours: c.checkpointIntervalS / 3600 } : {}),
        ...(c.restartS !== undefined ? { restartHours: c.restartS / 3600 } : {}),
        ...(c.egressUsdPerGB !== undefined ? { egressUsdPerGB: c.egressUsdPerGB } : {}),
      });
  }
}
