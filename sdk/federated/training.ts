// Model building and client training: the part of federated learning whose types
// come from tfjs (an optional peer dependency). Kept apart from index.ts so that
// the runtime's declarations never reach tfjs's types.
export { useWasmBackend, registerCorralKernels } from './tfjs/wasm-backend.js';
export { conv2dBackpropFilterWasm, UnsupportedKernelInputError } from './tfjs/conv2d-backprop-filter.js';
export { buildModel, type ModelSpec } from './client/model-spec.js';
export { modelWeights, setModelWeights } from './client/model-weights.js';
export { trainLocally, type LocalTrainingResult } from './client/local-training.js';
export { evaluateModel } from './client/evaluate-model.js';
export { fitClient, type ClientUpdate } from './client/fit-client.js';
export { modelEvaluator, initialModelWeights } from './client/model-evaluator.js';
