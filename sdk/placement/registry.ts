import type { PlacementPolicy } from './policy.js';
import { CorralError } from '../errors/index.js';

const policies = new Map<string, () => PlacementPolicy>();

/**
 * Registers a placement policy by name, so endpoints.yaml, `Corral.open` and
 * the CLI can use it. Pass a factory when the policy keeps state per run.
 *
 * @example
 * ```ts
 * registerPolicy({ name: 'first', place: (ctx) => ({ endpoint: ctx.candidates[0]!.name }) });
 * const corral = await Corral.open({ policy: 'first' });
 * ```
 */
export function registerPolicy(policy: PlacementPolicy | { name: string; create: () => PlacementPolicy }): void {
  if (!policy || typeof policy.name !== 'string' || !/^[a-z][\w-]*$/i.test(policy.name)) {
    throw new TypeError(`registerPolicy: a policy needs a name of letters, digits, - and _ (got ${JSON.stringify((policy as { name?: unknown })?.name)})`);
  }
  if ('create' in policy && typeof policy.create === 'function') {
    policies.set(policy.name, policy.create);
    return;
  }
  if (typeof (policy as PlacementPolicy).place !== 'function') {
    throw new TypeError(`registerPolicy: policy "${policy.name}" has no place(ctx) method`);
  }
  policies.set(policy.name, () => policy as PlacementPolicy);
}

/** A fresh instance of a registered policy; throws naming the known ones. */
export function createPolicy(name: string): PlacementPolicy {
  const factory = policies.get(name);
  if (!factory) throw new UnknownPolicyError(name, policyNames());
  return factory();
}

/** Names of all registered policies. */
export function policyNames(): string[] {
  return [...policies.keys()].sort();
}

/** No policy of that name is registered. */
export class UnknownPolicyError extends CorralError {
  override name = 'UnknownPolicyError';
  readonly code = 'CORRAL_UNKNOWN_POLICY';
  constructor(readonly policy: string, readonly known: string[]) {
    super(`unknown placement policy "${policy}"; registered: ${known.join(', ')}`);
  }
}
