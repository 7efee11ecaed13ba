import type { Benchmark } from './benchmark.js';

/** Every benchmark, in the order `corral bench` runs them. */
export const benchmarks: Benchmark[] = [];
