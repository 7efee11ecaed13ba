import { registerEndpointKind } from '../registry.js';
import { simulatedCostSchema, simulatedOptionsSchema } from './simulated-config.js';
import { SimulatedEndpoint } from './simulated-endpoint.js';

/**
 * Makes `kind: simulated` available to endpoints.yaml (idempotent).
 *
 * @example
 * ```ts
 * registerSimulatedEndpointKind();
 * ```
 */
export function registerSimulatedEndpointKind(): void {
  registerEndpointKind({
    kind: 'simulated',
    schema: simulatedOptionsSchema,
    costShorthand: simulatedCostSchema,
    create: (common, options) => new SimulatedEndpoint({
      ...options, name: common.name, workers: common.workers, transferGroup: common.transferGroup,
      // A pricing `cost:` block (with `model:`) is kept as it is; the simulator's { usdPerHour, watts } is checked here.
      ...(common.cost ? { cost: 'model' in common.cost ? common.cost : simulatedCostSchema.parse(common.cost) } : {}),
    }),
  });
}

registerSimulatedEndpointKind();
