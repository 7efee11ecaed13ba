import { createPolicy, UnknownPolicyError, type PlacementPolicy } from '../placement/index.js';
import { ConfigError } from './config/config-error.js';
import type { EndpointsFile } from './config/endpoints-file.js';
import { CORRAL_DEFAULTS } from './corral-options.js';

/**
 * The session's placement policy: the option (name or object), else the
 * `policy:` of endpoints.yaml, else the default. An unknown name written in
 * endpoints.yaml is a ConfigError at its line.
 *
 * @example
 * ```ts
 * const policy = policyFor(undefined, loadEndpointsFile('endpoints.yaml'));
 * ```
 */
export function policyFor(option: string | PlacementPolicy | undefined, spec?: EndpointsFile): PlacementPolicy {
  if (typeof option === 'object') return option;
  const name = option ?? spec?.policy ?? CORRAL_DEFAULTS.policy;
  try {
    return createPolicy(name);
  } catch (error) {
    if (error instanceof UnknownPolicyError && option === undefined && spec?.policy !== undefined) {
      throw new ConfigError(spec.file, spec.policyAt?.line, spec.policyAt?.column, 'policy', `"${name}" is not a registered placement policy (registered: ${error.known.join(', ')}; register your own with registerPolicy before Corral.open)`);
    }
    throw error;
  }
}
