export { Dispatcher, pump, cacheKey, type AttemptRecord, type DispatchContext, type DispatchOverheads } from './dispatcher.js';
export { Recorder, type CallRecord, type CallRecorder, type RecordedCall } from './recorder.js';
export { BudgetLedger } from './budget-ledger.js';
export { wallClock, type Clock } from './clock.js';
