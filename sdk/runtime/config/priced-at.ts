import { CorralError } from '../../errors/index.js';
import { ConfigError } from './config-error.js';
import type { EndpointsFile } from './endpoints-file.js';

/**
 * Runs `price` (building or using an endpoint's cost model); a corral error
 * it throws (unknown instance type, unreadable price file) becomes a
 * ConfigError at the endpoint's `cost:` line in endpoints.yaml. Without a
 * file, or for an endpoint the file does not list, errors pass unchanged.
 *
 * @example
 * ```ts
 * const model = pricedAt(spec, 'aws', () => costModelFor(endpoint.describe(), baseDir));
 * ```
 */
export function pricedAt<T>(spec: EndpointsFile | undefined, endpoint: string, price: () => T): T {
  try {
    return price();
  } catch (error) {
    const entry = spec?.entries.find((e) => e.common.name === endpoint);
    if (!spec || !entry || !(error instanceof CorralError) || error instanceof ConfigError) throw error;
    throw new ConfigError(spec.file, entry.costAt?.line, entry.costAt?.column, `endpoints.${endpoint}.cost`, `cannot be priced: ${error.message}`);
  }
}
