import { z } from 'zod';
import { registerEndpointKind } from '../registry.js';
import { LocalEndpoint } from './local-endpoint.js';

/** endpoints.yaml fields of a `kind: local` endpoint beyond the common ones. */
export const localEndpointSchema = z.strictObject({
  mode: z.enum(['thread', 'process'], { error: 'must be "thread" or "process"' }).optional(),
  env: z.record(z.string(), z.string({ error: 'must be a string' }), { error: 'must be a mapping of variable names to strings' }).optional(),
  maxMemoryMB: z.number({ error: 'must be a positive number of MB' }).int({ error: 'must be a whole number of MB' }).positive({ error: 'must be a positive number of MB' }).optional(),
});

/** Registers the `local` endpoint kind (done on import of sdk/endpoints). */
export function registerLocalKind(): void {
  registerEndpointKind({
    kind: 'local',
    schema: localEndpointSchema,
    create: (common, options) => new LocalEndpoint({ ...options, name: common.name, workers: common.workers, transferGroup: common.transferGroup, cost: common.cost, labels: common.labels }),
  });
}

registerLocalKind();
