export type { PlacementPolicy, PlacementContext, PlacementTask, PlacementBudget, CandidateEndpoint, Decision } from './policy.js';
export { registerPolicy, createPolicy, policyNames, UnknownPolicyError } from './registry.js';
export { leastLoaded } from './least-loaded.js';
export { registerBuiltInPolicies } from './builtins.js';
