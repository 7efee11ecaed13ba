export { Corral, type WorkflowClass } from './corral.js';
export { compileCorralOptions, CORRAL_DEFAULTS, type CorralOptions, type CompiledCorralOptions } from './corral-options.js';
export type { ReplacementOptions } from './re-placement.js';
export { CallOverheads, type OverheadOptions } from './call-overheads.js';
export { TaskFuture } from './task-future.js';
export type { AttemptRecord } from './workflow-run.js';
export {
  TaskFailedError, UpstreamFailedError, ArgumentError, NoEndpointError, UnknownEndpointError, WorkflowError, SessionClosedError, BudgetExceededError,
} from './errors.js';
export { RunEvents, type RunEvent, type TaskState, type CallEventBase } from './events.js';
export { dataSummary, dataMoves, type DataMove } from './journal/index.js';
export { Journal, JournalError, UnknownRunError, decodeValue, journalPath, parseStoredError, parseDependsOn, parseStoredJson, type StoredError, type JournalWaiter, type RunRow, type CallRow, type AttemptRow, type EventRow } from './journal/index.js';
export { loadEndpointsFile, parseEndpointsYaml, createEndpoints, type EndpointsFile, type EndpointsFileEntry, type CostValidator } from './config/endpoints-file.js';
export { simulationEndpoints, loadSimulationEndpoints, transferModelOf, type SimulationEndpoints } from './config/simulation-endpoints.js';
export { ConfigError } from './config/config-error.js';
export {
  simulate, simulationSetup, planWorkflow, planOnline, runVirtual, VirtualClock,
  type SimulationSetup, type SimulationProblem, type VirtualRunOptions, type VirtualRunOutcome,
} from './what-if/index.js';
export { connectEndpointStores, taskDataStoreOf, type EndpointStores } from './config/endpoint-stores.js';
