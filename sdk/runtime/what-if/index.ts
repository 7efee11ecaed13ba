export { simulate } from './simulate.js';
export { planWorkflow, planOnline } from './plan-workflow.js';
export { runVirtual, type VirtualRunOptions, type VirtualRunOutcome } from './virtual-run.js';
export { runLookingAhead, withDownstream, type LookAheadOutcome } from './look-ahead.js';
export { VirtualClock } from './virtual-clock.js';
export { simulationSetup, type SimulationSetup, type SimulationProblem } from './simulation-setup.js';
