import type { TaskHandle, TaskSpec } from '../endpoint.js';
import { DaskHeldData } from './dask-held-data.js';
import { BridgeEndpoint, DEFAULT_MAX_PAYLOAD_BYTES, type RemoteEndpointOptions } from '../remote/index.js';

/** How to reach a Dask cluster and run corral tasks on it. */
export interface DaskEndpointOptions extends RemoteEndpointOptions {
  /** Scheduler address, e.g. `tcp://10.0.0.5:8786`. */
  readonly address: string;
  readonly connectTimeoutS?: number;
  /** Dask's own retries of a failed task (worker loss is always rescheduled by Dask). */
  readonly retries?: number;
  readonly maxPayloadBytes?: number;
  /**
   * Seconds a cluster may have no workers at all while corral's tasks wait on
   * it (default 20); then those tasks fail as `offline` (`CORRAL_REMOTE_DASK_NO_WORKERS`)
   * so corral retries or fails over instead of waiting forever.
   */
  readonly noWorkersTimeoutS?: number;
}

/**
 * An endpoint backed by a Dask cluster (dask.distributed Client through
 * corral's Python bridge). Each attempt is one Dask task running the task's
 * code under `node` on a Dask worker; endpoints with the same interpreter
 * share one bridge process.
 *
 * @example
 * ```ts
 * const cluster = new DaskEndpoint({ name: 'cluster', address: 'tcp://127.0.0.1:8786', workers: 4 });
 * const { value } = await cluster.submit(spec).result;
 * await cluster.close();
 * ```
 */
export class DaskEndpoint extends BridgeEndpoint {
  readonly kind = 'dask';
  /** Results kept on the cluster's workers (corral's data plane). */
  readonly data: DaskHeldData;

  constructor(readonly options: DaskEndpointOptions) {
    super(options, {
      engine: 'dask', config: { address: options.address, connectTimeoutS: options.connectTimeoutS, retries: options.retries, noWorkersTimeoutS: options.noWorkersTimeoutS },
      maxPayloadBytes: options.maxPayloadBytes, transferGroup: `dask:${options.address}`,
      limits: { maxPayloadBytes: options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES },
    });
    this.data = new DaskHeldData(this.name, this.bridge);
  }

  override submit(task: TaskSpec): TaskHandle {
    return this.data.submit(task, (spec) => super.submit(spec));
  }
}
