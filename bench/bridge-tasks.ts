// Tasks of the bridge benchmarks: bundled by codegen and run on Dask workers.
import { remote } from '../sdk/decorators/index.js';

export class BridgeBench {
  /** About one millisecond of CPU work. */
  @remote()
  static spin(ms: number): number {
    const until = performance.now() + ms;
    let n = 0;
    while (performance.now() < until) n += 1;
    return n;
  }
}
