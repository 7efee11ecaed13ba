// The public API of corral: everything a user imports from 'corral', listed by
// name. Internals (hooks, bridges, wire codecs, schemas, engine plumbing) stay
// behind their folders' index.ts. Federated learning's user API is
// 'corral/federated' (sdk/federated/public-api.ts), so that tfjs stays optional.

// Errors: every corral error extends CorralError and carries a stable code.
export { CorralError, isRetryable, errorCode, type CorralErrorOptions } from './errors/index.js';

// Decorators and the task metadata they write.
export { remote, costBudget, workflow, federated, passOn, OptionError } from './decorators/index.js';
export type {
  RemoteOptions, ResolvedRemoteOptions, CostBudgetOptions, WorkflowOptions, ResolvedCostBudget, FederatedOptions, SourceLocation, DecorationSite,
} from './decorators/index.js';
export { definitionOfMethod, definitionOfFunction, definitionsOfClass, type TaskDefinition } from './graph/index.js';

// Sessions, runs and their failures.
export {
  Corral, TaskFuture, CallOverheads,
  TaskFailedError, UpstreamFailedError, ArgumentError, NoEndpointError, UnknownEndpointError, WorkflowError, SessionClosedError, BudgetExceededError,
  RunEvents, Journal, JournalError, UnknownRunError, ConfigError, loadEndpointsFile, loadSimulationEndpoints,
  // Whole-workflow plans and simulations: they drive the dispatcher on a virtual clock.
  planWorkflow, simulate,
} from './runtime/index.js';
export type {
  CorralOptions, WorkflowClass, ReplacementOptions, OverheadOptions, AttemptRecord, RunEvent, TaskState, CallEventBase,
  RunRow, CallRow, AttemptRow, EventRow, EndpointsFile, SimulationEndpoints,
} from './runtime/index.js';

// Task graphs and manifests (what `corral build` writes).
export { TaskGraph, CycleError, ManifestError, loadManifest, TaskNotFoundError } from './graph/index.js';
export type { Manifest, ManifestTask, ManifestWorkflow, ManifestEdge, ManifestOptions, ManifestSite, ManifestBundle, TaskLocator } from './graph/index.js';

// Endpoints.
export {
  LocalEndpoint, DaskEndpoint, GlobusComputeEndpoint, SimulatedEndpoint,
  GLOBUS_COMPUTE_MAX_PAYLOAD_BYTES, GLOBUS_COMPUTE_MAX_RESULT_BYTES,
  registerEndpointKind, endpointKindNames, AttemptError, RemoteTaskError, LocalEndpointOptionError,
} from './endpoints/index.js';
export type {
  Endpoint, EndpointDescription, EndpointStatus, HardwareDescription, TaskSpec, TaskHandle, TaskResult, AttemptTimings, AttemptFailure,
  EndpointKind, CommonEndpointConfig, LocalEndpointOptions, DaskEndpointOptions, GlobusComputeEndpointOptions, SimulatedEndpointOptions,
} from './endpoints/index.js';
export { startLocalDaskCluster, DASK_PYTHON, BridgeError, type LocalDaskCluster, type WarmOptions } from './bridge/index.js';

// The data plane: references to values kept in a store, and the stores.
export {
  FileStore, MemoryStore, RedisStore, startLocalRedis,
  DataError, LostDataError, DamagedDataError, StoreUnavailableError, StoreConfigError, DataRefError, DataEncodingError,
} from './data/index.js';
export type {
  DataRef, Store, StoreDescription, PutOptions, StoreConfig, FileStoreOptions, MemoryStoreOptions, RedisStoreOptions, LocalRedis, DataMove,
} from './data/index.js';

// Placement policies, whole-workflow plans and simulation.
export {
  registerPolicy, createPolicy, policyNames, UnknownPolicyError,
  fastest, cheapest, roundRobin, delta, tradeoff, heft, budgetHeftPolicy, optimal, predictedFinishS,
  TransferModel, deltaTransferModel, plannedMoves, readWorkflowFile,
  NoFeasibleEndpointError, BudgetInfeasibleError, PlanningInputError, WorkflowFormatError, TransferObservationError,
} from './placement/index.js';
export type {
  PlacementPolicy, PlacementContext, PlacementTask, PlacementBudget, CandidateEndpoint, Decision, PlanOptions, WorkflowBudget, TradeoffWeights,
  OptimalLimits, Plan, PlannedTask, PlanWorkflowOptions, PlanSummary, TransferLink, TransferObservation, PlannedMove, CallInput, SimEndpoint, SimulateOptions, SimulationResult, SimPlacement,
} from './placement/index.js';

// Pricing: cost vectors, cost models, budgets, spot prices.
export {
  ZERO_COST, addCosts, subtractCosts, scaleCost, weightedCost, compareCosts, dominates, formatCost, costAt,
  EnergyCostModel, FreeCostModel, OnDemandCostModel, HpcCostModel, SpotCostModel, createCostModel, readPriceTable, lookupPrice, PricingError,
  remainingBudget, projectSpend, checkBudget,
  readSpotPrices, evaluateSpot, forecastSpot, cheapestSpot, PreemptionModel, expectedRun,
} from './pricing/index.js';
export type {
  CostVector, CostEstimate, CostWeights, CostModel, CostUsage, EnergyCostOptions, OnDemandCostOptions, HpcCostOptions, SpotCostOptions, CostConfig,
  InstancePrice, Budget, PlannedCall, BudgetBreach, BudgetCheck, SpotEvaluation, SpotEvaluationOptions, SpotForecast, SpotChoice, SpotJob,
  RecoveryOptions, ExpectedRun,
} from './pricing/index.js';

// Profiling: the profile store, predictors, models and experiment design.
export {
  RunningMeanPredictor, ProfilePredictor, ProfilingError, ProfileStore, profileObserver, characteriseEndpoint, localHardware,
  fitSingleVariable, fitComposite, CompositeModel, chooseExperiments, evaluateProfile, readProfileCsv,
} from './profiling/index.js';
export type {
  Predictor, Prediction, ObservedRun, ProfilePredictorOptions, ProfileAttempt, EndpointProfile, EndpointProfileSummary,
  SingleVariableModel, CompositeOptions, CompositeData, CompositePrediction, EvaluateOptions, EvaluateResult,
} from './profiling/index.js';

// Reports and progress.
export {
  renderReport, writeChartPngs, summarizeRun, reportCharts, chartToSvg, attachProgress, followSessions, RunProgress, createLogger,
} from './report/index.js';
export { reportDataFromJournal, loadReportData } from './report/index.js';
export type { RunReportData, RunSummary, ReportChart, ProgressOptions, FollowOptions, LogLevel } from './report/index.js';
