// Tasks of the bridge benchmarks: bundled by codegen and run on Dask workers
// through the whole runtime. The same work in Python is in bridge-baseline.ts.
import { costBudget, remote } from '../sdk/index.js';

export class BridgeBench {
  /** `ms` milliseconds of CPU work (0: a tiny task); returns how many loop turns that was. */
  @remote()
  async spin(ms: number): Promise<number> {
    const until = performance.now() + ms;
    let n = 1;
    while (performance.now() < until) n += 1;
    return n;
  }

  /** `n` tasks of `ms` each at once. */
  @costBudget({ deadlineS: 3600 })
  async fanOut(n: number, ms: number): Promise<number> {
    const counts = await Promise.all(Array.from({ length: n }, () => this.spin(ms)));
    return counts.length;
  }

  /** One task: the latency of a whole corral run with one remote call. */
  @costBudget({ deadlineS: 3600 })
  async one(ms: number): Promise<number> {
    return this.spin(ms);
  }
}
