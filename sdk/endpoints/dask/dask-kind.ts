import { z } from 'zod';
import { remoteEndpointFields, remoteEndpointOptions } from '../remote/index.js';
import { registerEndpointKind } from '../registry.js';
import { DaskEndpoint } from './dask-endpoint.js';

/**
 * endpoints.yaml fields of a `kind: dask` endpoint beyond the common ones.
 *
 * @example
 * ```ts
 * daskEndpointSchema.parse({ address: 'tcp://10.0.0.5:8786', python: '/usr/bin/python3' });
 * ```
 */
export const daskEndpointSchema = z.strictObject({
  address: z.string({ error: 'must be the scheduler address, e.g. tcp://10.0.0.5:8786' }).regex(/^(tcp|tls|ws|wss|inproc|ucx):\/\/\S+$/, { error: 'must be a scheduler address like tcp://host:8786' }),
  connectTimeoutS: z.number({ error: 'must be seconds' }).positive({ error: 'must be positive seconds' }).optional(),
  retries: z.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).min(0, { error: 'must be >= 0' }).optional(),
  noWorkersTimeoutS: z.number({ error: 'must be seconds' }).positive({ error: 'must be positive seconds' }).max(86_400, { error: 'must be at most 86400 s (one day)' }).optional(),
  maxPayloadBytes: z.number({ error: 'must be bytes' }).int({ error: 'must be whole bytes' }).positive({ error: 'must be positive bytes' }).optional(),
  ...remoteEndpointFields,
});

/**
 * Registers the `dask` endpoint kind (done on import of sdk/endpoints).
 *
 * @example
 * ```ts
 * registerDaskKind();
 * endpointKind('dask')!.create({ name: 'cluster', kind: 'dask' }, { address: 'tcp://10.0.0.5:8786' });
 * ```
 */
export function registerDaskKind(): void {
  registerEndpointKind({
    kind: 'dask',
    schema: daskEndpointSchema,
    create: (common, options) => new DaskEndpoint(remoteEndpointOptions(common, options)),
  });
}

registerDaskKind();
