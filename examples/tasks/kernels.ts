// Tasks of examples/profiling-design.ts: a CPU kernel whose time grows with its
// input, to profile. Workers import this module to run its tasks, so it holds
// tasks only: no top-level work.
import { costBudget, remote } from '../../sdk/index.js';

export class Kernels {
  /** Sorts n seeded pseudo-random doubles (n log n work); profiled by n. */
  @remote({ features: (n: number) => ({ n }) })
  async sort(n: number): Promise<number> {
    const xs = new Float64Array(n);
    let seed = 12345;
    for (let i = 0; i < n; i++) xs[i] = (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    xs.sort();
    return xs[n >> 1]!; // the median, so the work cannot be skipped
  }

  /** A batch of experiments: one call per input size; where each runs is up to the placement policy. */
  @costBudget({ deadlineS: 300 })
  async experiments(sizes: number[]): Promise<number[]> {
    return Promise.all(sizes.map((n) => this.sort(n)));
  }
}
