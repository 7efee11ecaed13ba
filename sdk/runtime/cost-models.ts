import { EnergyCostModel, type CostModel } from '../pricing/index.js';
import * as pricing from '../pricing/index.js';
import type { EndpointDescription } from '../endpoints/index.js';
import type { CostValidator } from './config/endpoints-file.js';

type PricingExtras = {
  createCostModel?: (config: unknown) => CostModel;
  costConfigSchema?: { safeParse(v: unknown): { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } } };
};
const extras = pricing as unknown as PricingExtras;

/** The cost model an endpoint's `cost:` block describes; energy-only by default. */
export function costModelFor(description: EndpointDescription): CostModel {
  if (description.cost && extras.createCostModel) return extras.createCostModel(description.cost);
  const cost = (description.cost ?? {}) as { activeWatts?: number; usdPerKWh?: number; gCo2PerKWh?: number };
  return new EnergyCostModel({ activeWatts: cost.activeWatts ?? 10, usdPerKWh: cost.usdPerKWh, gCo2PerKWh: cost.gCo2PerKWh });
}

/** Validates endpoints.yaml `cost:` blocks with sdk/pricing's schema, when it has one. */
export function costValidator(): CostValidator | undefined {
  const schema = extras.costConfigSchema;
  if (!schema) return undefined;
  return (cost) => {
    const r = schema.safeParse(cost);
    if (r.success) return { ok: true };
    const issue = r.error!.issues[0]!;
    return { ok: false, path: issue.path.map(String), message: issue.message };
  };
}
