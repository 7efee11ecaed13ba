export type {
  PlacementPolicy, PlacementContext, PlacementTask, CallInput, PlacementBudget, CandidateEndpoint, Decision, PlanOptions, WorkflowBudget,
} from './policy.js';
export { registerPolicy, createPolicy, policyNames, UnknownPolicyError } from './registry.js';
export { leastLoaded } from './least-loaded.js';
export { registerBuiltInPolicies } from './builtins.js';
export { fastest } from './policies/fastest.js';
export { cheapest } from './policies/cheapest.js';
export { roundRobin } from './policies/round-robin.js';
export { delta } from './policies/delta.js';
export { tradeoff, type TradeoffWeights } from './policies/tradeoff.js';
export { heft, budgetHeftPolicy } from './policies/whole-dag.js';
export { optimal, type OptimalLimits } from './policies/optimal.js';
export { predictedFinishS } from './policies/finish-time.js';
export { candidateOf, queueWaitS, type CandidateFacts } from './candidate.js';
export type { PlanTask, PlanEdge, PlanEndpoint, PlanningProblem } from './planning/problem.js';
export type { Plan, PlannedTask } from './planning/plan.js';
export { TransferModel, type TransferLink, type TransferObservation, type TransferModelOptions } from './planning/transfer-model.js';
export { deltaTransferModel, deltaTransferSamples } from './planning/delta-transfers.js';
export { plannedMoves, type PlannedMove } from './planning/planned-moves.js';
export { dataBlindProblem } from './planning/data-blind.js';
export { movesData } from './planning/data-aware-heft.js';
export { optimisticCostS } from './planning/optimistic-cost.js';
export { makespanLowerBoundS } from './planning/makespan-bound.js';
export { callInputsOf, callTask } from './planning/call-inputs.js';
export { planWorkflow, meets, type OnlinePlanner, type PlanWorkflowOptions } from './planning/plan-workflow.js';
export { compile, commSeconds, commUsd, defaultCost, type Instance } from './planning/instance.js';
export { NoFeasibleEndpointError, BudgetInfeasibleError, PlanningInputError, TransferObservationError, type PlanSummary } from './errors.js';
export { replanRemaining, type RunState } from './planning/replan.js';
export {
  BudgetGuard, normalQuantile, type GuardedBudget, type BudgetState, type BudgetVerdict, type GuardBreach, type PricedCandidate, type Projection,
} from './budget-guard.js';
export type { SimEndpoint, SimulateOptions, SimulationResult, SimPlacement } from './simulation/simulation-result.js';
export { readWorkflowFile } from './workflows/read-workflow.js';
export { readWfFormat } from './workflows/wfformat.js';
export { readDax } from './workflows/dax.js';
export { WorkflowFormatError } from './workflows/workflow-format-error.js';
export { readManifest } from './workflows/manifest.js';
export { simulationGanttSpec } from './simulation/gantt-spec.js';
