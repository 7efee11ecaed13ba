import { costConfigSchema, createCostModel, EnergyCostModel, OnDemandCostModel, type CostModel } from '../pricing/index.js';
import type { EndpointDescription } from '../endpoints/index.js';
import type { CostValidator } from './config/endpoints-file.js';

/**
 * The cost model an endpoint's `cost:` block describes (paths in it resolve
 * from `baseDir`, the folder of endpoints.yaml); energy at 10 W per busy
 * worker when it has none.
 */
export function costModelFor(description: EndpointDescription, baseDir = process.cwd()): CostModel {
  // A simulated endpoint describes its price as the simulator does ({ usdPerHour, watts } per busy
  // worker), which is not a `cost:` block: bill it per second with no minimum, as the simulator does.
  if (description.kind === 'simulated' && description.cost && !('model' in description.cost)) {
    const { usdPerHour = 0, watts = 0 } = description.cost as { usdPerHour?: number; watts?: number };
    return usdPerHour > 0 ? new OnDemandCostModel({ usdPerHour, watts, minimumBilledS: 0, egressUsdPerGB: 0 }) : new EnergyCostModel({ activeWatts: watts });
  }
  if (description.cost) return createCostModel(description.cost, { baseDir, where: `endpoints.yaml: endpoint "${description.name}" cost` });
  return new EnergyCostModel({ activeWatts: 10 });
}

/** Validates endpoints.yaml `cost:` blocks with sdk/pricing's schema. */
export function costValidator(): CostValidator {
  return (cost) => {
    const r = costConfigSchema.safeParse(cost);
    if (r.success) return { ok: true };
    const issue = r.error.issues[0]!;
    return { ok: false, path: issue.path.map(String), message: issue.message };
  };
}
