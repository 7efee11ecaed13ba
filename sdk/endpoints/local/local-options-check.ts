import { CorralError } from '../../errors/index.js';

/** Bounds of a LocalEndpoint's resources: one machine's threads or processes. */
export const LOCAL_BOUNDS = {
  workers: { min: 1, max: 1024 },
  // Below about 32 MB a worker cannot even load corral's task runner.
  maxMemoryMB: { min: 32, max: 1_048_576 },
} as const;

/**
 * A LocalEndpoint option out of its bounds: names the endpoint, the field,
 * the bad value and what is allowed.
 *
 * @example
 * ```ts
 * try { new LocalEndpoint({ name: 'laptop', maxMemoryMB: 1 }); } catch (e) {
 *   if (e instanceof LocalEndpointOptionError) console.error(e.field, e.value); // maxMemoryMB 1
 * }
 * ```
 */
export class LocalEndpointOptionError extends CorralError {
  override name = 'LocalEndpointOptionError';
  readonly code = 'CORRAL_BAD_ENDPOINT_OPTION';
  constructor(readonly endpoint: string, readonly field: string, readonly value: unknown, allowed: string) {
    super(`endpoint ${endpoint}: ${field} must be ${allowed} (got ${String(value)})`);
  }
}

/** Throws a {@link LocalEndpointOptionError} for the first option out of {@link LOCAL_BOUNDS}. */
export function checkLocalOptions(endpoint: string, options: { workers?: number; maxMemoryMB?: number }): void {
  for (const field of ['workers', 'maxMemoryMB'] as const) {
    const value = options[field];
    if (value === undefined) continue;
    const { min, max } = LOCAL_BOUNDS[field];
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new LocalEndpointOptionError(endpoint, field, value, `a whole number from ${min} to ${max}${field === 'maxMemoryMB' ? ' MB' : ''}`);
    }
  }
}
