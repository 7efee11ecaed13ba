/**
 * One benchmark: measures corral and its baseline in the same run and
 * reports the ratio. Listed in bench/index.ts; run by `corral bench [SUITE]`.
 */
export interface Benchmark {
  /** Suite name (the issue area): runtime, codegen, bridge, profiling, pricing, placement, federated. */
  readonly suite: string;
  readonly name: string;
  /** `quick` runs a reduced size, for smoke tests. */
  run(options: { quick: boolean }): Promise<BenchmarkResult>;
}

/** What a benchmark measured. */
export interface BenchmarkResult {
  /** Every figure measured, named with its unit (e.g. `corralTasksPerS`, `peakMB`). */
  readonly metrics: Record<string, number | string>;
  /** corral against its baseline (> 1 = corral better, unless `ratioMeaning` says otherwise). */
  readonly ratio?: number;
  readonly ratioMeaning?: string;
  /** The target, in words, and whether this run met it. */
  readonly target?: string;
  readonly met?: boolean;
}
