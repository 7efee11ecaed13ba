import { costConfigSchema, createCostModel, EnergyCostModel, type CostModel } from '../pricing/index.js';
import type { EndpointDescription } from '../endpoints/index.js';
import type { CostValidator } from './config/endpoints-file.js';

/**
 * The cost model an endpoint's `cost:` block describes (paths in it resolve
 * from `baseDir`, the folder of endpoints.yaml); energy at 10 W per busy
 * worker when it has none.
 */
export function costModelFor(description: EndpointDescription, baseDir = process.cwd()): CostModel {
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
