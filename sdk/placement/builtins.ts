import { leastLoaded } from './least-loaded.js';
import { cheapest } from './policies/cheapest.js';
import { delta } from './policies/delta.js';
import { fastest } from './policies/fastest.js';
import { optimal } from './policies/optimal.js';
import { roundRobin } from './policies/round-robin.js';
import { tradeoff } from './policies/tradeoff.js';
import { budgetHeftPolicy, heft } from './policies/whole-dag.js';
import { registerPolicy } from './registry.js';

/** Registers corral's built-in policies (idempotent). */
export function registerBuiltInPolicies(): void {
  registerPolicy(leastLoaded);
  registerPolicy(fastest);
  registerPolicy(cheapest);
  registerPolicy({ name: 'round-robin', create: roundRobin });
  registerPolicy(delta);
  registerPolicy({ name: 'tradeoff', create: () => tradeoff() });
  registerPolicy(heft);
  registerPolicy(budgetHeftPolicy);
  registerPolicy({ name: 'optimal', create: () => optimal() });
}

registerBuiltInPolicies();
