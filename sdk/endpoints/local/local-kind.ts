import { z } from 'zod';
import { registerEndpointKind } from '../registry.js';
import { LocalEndpoint } from './local-endpoint.js';
import { LOCAL_BOUNDS } from './local-options-check.js';

/** endpoints.yaml fields of a `kind: local` endpoint beyond the common ones. */
export const localEndpointSchema = z.strictObject({
  mode: z.enum(['thread', 'process'], { error: 'must be "thread" or "process"' }).optional(),
  env: z.record(z.string(), z.string({ error: 'must be a string' }), { error: 'must be a mapping of variable names to strings' }).optional(),
  maxMemoryMB: z.number({ error: 'must be a whole number of MB' }).int({ error: 'must be a whole number of MB' })
    .min(LOCAL_BOUNDS.maxMemoryMB.min, { error: `must be at least ${LOCAL_BOUNDS.maxMemoryMB.min} MB (a worker needs that much to start)` })
    .max(LOCAL_BOUNDS.maxMemoryMB.max, { error: `must be at most ${LOCAL_BOUNDS.maxMemoryMB.max} MB` }).optional(),
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
