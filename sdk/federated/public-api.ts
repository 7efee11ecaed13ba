// The public API of 'corral/federated': strategies, partitioners, datasets,
// client training and their errors. tfjs and its wasm backend are optional
// peer dependencies, loaded only when a model is built or trained.
export { useWasmBackend } from './tfjs/wasm-backend.js';
export {
  FederatedError, FederatedStoppedError, WeightShapeError, NonFiniteWeightsError, TooFewClientsError, ClientDataError, FederatedConfigError,
} from './errors.js';
export { MissingPackageError } from './missing-package.js';
export type { FlatWeights, WeightTensor } from './weights/flat-weights.js';
export { encodeWeights, decodeWeights, type EncodedWeights, type WeightCompression } from './weights/compression.js';
export type { Strategy, StrategyState, ClientConfig, ClientInfo, FitResult, TrainingDefaults } from './strategies/strategy.js';
export { FedAvg } from './strategies/fedavg.js';
export { FedProx } from './strategies/fedprox.js';
export { FedAdam, FedYogi, FedAdagrad, type FedOptOptions } from './strategies/fedopt.js';
export { FedAvgM } from './strategies/fedavgm.js';
export { FedMedian } from './strategies/fedmedian.js';
export { FedTrimmedAvg } from './strategies/fedtrimmedavg.js';
export { Krum } from './strategies/krum.js';
export { createStrategy } from './strategies/registry.js';
export { partition, iidPartition, dirichletPartition, pathologicalPartition, shardPartition, type PartitionSpec } from './partition/partitioners.js';
export { subset, datasetSize, type Dataset } from './data/dataset.js';
export { loadDigits } from './data/digits.js';
export { loadMnist, mnistDirectory } from './data/mnist.js';
export { loadClientData, loadTestData, registerDatasetLoader, type ClientDataSpec, type DatasetLoader, type LoadedDataset } from './data/data-spec.js';
export { buildModel, type ModelSpec } from './client/model-spec.js';
export { trainLocally, type LocalTrainingResult } from './client/local-training.js';
export { evaluateModel } from './client/evaluate-model.js';
export { fitClient, type ClientUpdate } from './client/fit-client.js';
export { modelEvaluator, initialModelWeights } from './client/model-evaluator.js';
export { modelWeights, setModelWeights } from './client/model-weights.js';
export { UniformTuner, CapacityTuner, type Tuner, type CapacityTunerOptions } from './tuner/tuner.js';
export { runFederated } from './server/federated-server.js';
export type { FederateInputs, FederateResult } from './server/federate-inputs.js';
export type { FederatedJob, FederatedClient, FederatedResult, RoundRecord } from './server/federated-options.js';
