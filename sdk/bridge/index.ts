export { BRIDGE_PROTOCOL_VERSION, type BridgeEngine, type BridgeRequest, type BridgeReply, type BridgeResult, type BridgeHello, type BridgeHeartbeat, type BridgeMessage, type BridgeErrorBody, type RunReport, type TaskProgram, type WarmOptions } from './protocol.js';
export { BridgeError, type BridgeErrorCode } from './bridge-error.js';
export { redactSecrets, SECRET_ENV_VARS } from './redact.js';
export { pythonInterpreter, BRIDGE_SCRIPT, PYTHON_HINT } from './python-interpreter.js';
export { BridgeProcess, type BridgeProcessOptions } from './bridge-process.js';
export { Bridge, type BridgeOptions } from './bridge.js';
export { acquireSharedBridge, releaseSharedBridge } from './shared-bridge.js';
export { taskProgram, CORRAL_ROOT, type ProgramOptions } from './task-program.js';
export { startLocalDaskCluster, DASK_PYTHON, type LocalDaskCluster } from './local-dask-cluster.js';
