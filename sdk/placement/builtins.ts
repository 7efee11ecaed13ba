import { leastLoaded } from './least-loaded.js';
import { registerPolicy } from './registry.js';

/** Registers corral's built-in policies (idempotent). */
export function registerBuiltInPolicies(): void {
  registerPolicy(leastLoaded);
}

registerBuiltInPolicies();
