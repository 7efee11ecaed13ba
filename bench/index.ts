import type { Benchmark } from './benchmark.js';
import { bridgeDaskBenchmark } from './bridge-dask.js';
import { dataPlaneDask } from './data-plane-dask.js';
import { localThroughput } from './runtime-local-throughput.js';
import { runtimeScale } from './runtime-scale.js';
import { runtimeJournal } from './runtime-journal.js';
import { federatedMnistMlp, federatedOverhead } from './federated-mnist.js';
import { federatedTuner } from './federated-tuner.js';
import { federatedMnistCnn } from './federated-cnn.js';
import { federatedCompression } from './federated-compression.js';
import { codegenExtract } from './codegen-extract.js';
import { pricingSpot } from './pricing-spot.js';
import { profilingEc2Family } from './profiling-ec2-family.js';
import { profilingDesign } from './profiling-design.js';
import { profilingTransfer } from './profiling-transfer.js';
import { profilingPredictCost } from './profiling-predict-cost.js';
import { placementScale } from './placement-scale.js';
import { placementWorkflows } from './placement-workflows.js';
import { placementDelta } from './placement-delta.js';
import { placementBudget } from './placement-budget.js';
import { placementSimulator } from './placement-simulator.js';
import { dataStores } from './data-stores.js';
import { dataPlacement } from './data-placement.js';

/** Every benchmark, in the order `corral bench` runs them. */
export const benchmarks: Benchmark[] = [
  localThroughput,
  runtimeScale,
  runtimeJournal,
  bridgeDaskBenchmark,
  dataPlaneDask,
  federatedMnistMlp,
  federatedOverhead,
  federatedTuner,
  federatedMnistCnn,
  federatedCompression,
  codegenExtract,
  pricingSpot,
  profilingEc2Family,
  profilingDesign,
  profilingTransfer,
  profilingPredictCost,
  placementScale,
  placementWorkflows,
  placementDelta,
  placementBudget,
  placementSimulator,
  dataStores,
  dataPlacement,
];
