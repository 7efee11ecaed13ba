import type { Benchmark } from './benchmark.js';
import { bridgeDaskBenchmark } from './bridge-dask.js';
import { localThroughput } from './runtime-local-throughput.js';

/** Every benchmark, in the order `corral bench` runs them. */
export const benchmarks: Benchmark[] = [
  localThroughput,
  bridgeDaskBenchmark,
];
