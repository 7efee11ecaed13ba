import { z } from 'zod';
import { remoteEndpointFields, remoteEndpointOptions } from '../remote/index.js';
import { registerEndpointKind } from '../registry.js';
import { GlobusComputeEndpoint } from './globus-compute-endpoint.js';

/**
 * endpoints.yaml fields of a `kind: globus-compute` endpoint beyond the common ones.
 *
 * @example
 * ```ts
 * globusComputeEndpointSchema.parse({ endpointId: '4b116d3c-1703-4f8f-9f6f-39921e5864df', batchSize: 64 });
 * ```
 */
export const globusComputeEndpointSchema = z.strictObject({
  endpointId: z.uuid({ error: 'must be the Globus Compute endpoint UUID' }),
  batchSize: z.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).positive({ error: 'must be >= 1' }).optional(),
  database: z.string({ error: 'must be a file path' }).optional(),
  storeOverBytes: z.number({ error: 'must be a number of bytes' }).int({ error: 'must be a whole number of bytes' }).min(1024, { error: 'must be at least 1024 bytes' }).max(10_000_000, { error: 'must be at most 10000000 (Globus Compute\'s payload cap)' }).optional(),
  ...remoteEndpointFields,
});

/**
 * Registers the `globus-compute` endpoint kind (done on import of sdk/endpoints).
 *
 * @example
 * ```ts
 * registerGlobusComputeKind();
 * endpointKind('globus-compute')!.create({ name: 'hpc', kind: 'globus-compute' }, { endpointId: '4b116d3c-1703-4f8f-9f6f-39921e5864df' });
 * ```
 */
export function registerGlobusComputeKind(): void {
  registerEndpointKind({
    kind: 'globus-compute',
    schema: globusComputeEndpointSchema,
    create: (common, options) => new GlobusComputeEndpoint(remoteEndpointOptions(common, options)),
  });
}

registerGlobusComputeKind();
