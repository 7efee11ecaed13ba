export {
  FederatedError, FederatedStoppedError, WeightShapeError, NonFiniteWeightsError, TooFewClientsError, ClientDataError, FederatedConfigError,
} from './errors.js';
export { MissingPackageError, importOptional } from './missing-package.js';
export { flattenWeights, unflattenWeights, describeShapes, sizeOf, type FlatWeights, type WeightTensor } from './weights/flat-weights.js';
export { encodeWeights, decodeWeights, encodedBytes, isFloat32Array, QUANT_BLOCK, type EncodedWeights, type WeightCompression } from './weights/compression.js';
export type { Strategy, StrategyState, ClientConfig, ClientInfo, FitResult, TrainingDefaults } from './strategies/strategy.js';
export { FedAvg, weightedAverage } from './strategies/fedavg.js';
export { FedProx } from './strategies/fedprox.js';
export { FedAdam, FedYogi, FedAdagrad, type FedOptOptions } from './strategies/fedopt.js';
export { FedAvgM } from './strategies/fedavgm.js';
export { FedMedian, coordinateWise } from './strategies/fedmedian.js';
export { FedTrimmedAvg } from './strategies/fedtrimmedavg.js';
export { Krum } from './strategies/krum.js';
export { createStrategy } from './strategies/registry.js';
export { partition, iidPartition, dirichletPartition, pathologicalPartition, shardPartition, type PartitionSpec } from './partition/partitioners.js';
export { seededRandom, type Random } from './partition/random.js';
export { subset, datasetSize, type Dataset } from './data/dataset.js';
export { loadDigits } from './data/digits.js';
export { loadMnist, mnistDirectory } from './data/mnist.js';
export { loadClientData, loadTestData, registerDatasetLoader, type ClientDataSpec, type DatasetLoader, type LoadedDataset } from './data/data-spec.js';
export { ClientSpeeds, type ClientSpeed } from './tuner/client-speed.js';
export { UniformTuner, CapacityTuner, type Tuner, type CapacityTunerOptions } from './tuner/tuner.js';
export { RoundStore, type RoundCheckpoint } from './checkpoint/round-store.js';
export { roundEventsFromCheckpoints } from './checkpoint/round-events.js';
export { selectClients } from './server/select-clients.js';
export { validateUpdate } from './server/validate-update.js';
export { runFederated } from './server/federated-server.js';
export { federatedJob, type FederatedJobInputs } from './server/job-from-method.js';
export type { FederateInputs, FederateResult } from './server/federate-inputs.js';
export type { RoundEvent } from './server/round-event.js';
export { federatedReportData } from './server/round-report.js';
export type { FederatedJob, FederatedClient, FederatedResult, RoundRecord, ClientSubmit } from './server/federated-options.js';
// Model building and training (tfjs-typed) are in ./training.ts, so that importing this surface never needs tfjs's types.
