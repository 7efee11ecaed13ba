import { ColdStartModel, type ColdStartSample, type TransferTimeModel } from '../profiling/index.js';

/**
 * What placement adds to a call's run time besides running it, as DELTA's
 * finish time does (cold start + max(queue wait, transfer) + run).
 *
 * @example
 * ```ts
 * const transfer = TransferTimeModel.fit(loadDeltaTransfers(json));
 * const corral = await Corral.open({ endpoints: 'endpoints.yaml', overheads: { transfer, clientGroup: 'campus' } });
 * ```
 */
export interface OverheadOptions {
  /** Measured cold starts (task imports) to predict from before this session sees any; the journal's profiles are added. */
  readonly coldStarts?: readonly ColdStartSample[];
  /** Seconds to move a call's inputs from the runtime's transfer group to an endpoint's (default: free). */
  readonly transfer?: TransferTimeModel;
  /** Transfer group of the machine running the workflow, where call inputs are (default `local`). */
  readonly clientGroup?: string;
}

/**
 * Predicts a call's cold start and input transfer on each endpoint. Cold
 * starts are learnt from the attempts that report one (the first call of a
 * task on a worker imports its code): per endpoint and task, with DELTA's
 * factored model (task weight × endpoint slowness) filling the pairs not yet
 * seen, and zero once every worker of the endpoint has loaded the task.
 */
export class CallOverheads {
  private readonly sums = new Map<string, { endpoint: string; package: string; seconds: number; n: number }>();
  private readonly warmWorkers = new Map<string, number>();
  private model: ColdStartModel | undefined;
  private readonly predicted = new Map<string, number>();
  private stale = false;

  constructor(private readonly options: OverheadOptions = {}) {
    for (const s of options.coldStarts ?? []) this.add(s.endpoint, s.package, s.seconds);
  }

  /** Learns from a finished attempt's timings; returns nothing. */
  observe(endpoint: string, taskId: string, coldStartSeconds: number | undefined): void {
    if (!(coldStartSeconds! > 0)) return;
    this.add(endpoint, taskId, coldStartSeconds!);
    const key = pair(endpoint, taskId);
    this.warmWorkers.set(key, (this.warmWorkers.get(key) ?? 0) + 1);
  }

  /** Expected cold start of the task's next call on the endpoint: zero once all its workers are warm. */
  coldStartS(endpoint: string, taskId: string, workers: number): number {
    if (this.sums.size === 0) return 0;
    const key = pair(endpoint, taskId);
    if ((this.warmWorkers.get(key) ?? 0) >= workers) return 0;
    // Asked for every candidate of every call: refit only after a new measurement, and remember answers until then.
    if (this.stale || !this.model) {
      this.model = ColdStartModel.fit([...this.sums.values()].map((s) => ({ endpoint: s.endpoint, package: s.package, seconds: s.seconds / s.n })));
      this.predicted.clear();
      this.stale = false;
    }
    let seconds = this.predicted.get(key);
    if (seconds === undefined) this.predicted.set(key, (seconds = this.model.predict(endpoint, [taskId])));
    return seconds;
  }

  /** Seconds to move `bytes` of inputs to an endpoint in transfer group `group`. */
  transferS(group: string, bytes: number): number {
    const from = this.options.clientGroup ?? 'local';
    if (!this.options.transfer || group === from || !(bytes > 0)) return 0;
    return this.options.transfer.predict(from, group, bytes);
  }

  private add(endpoint: string, taskId: string, seconds: number): void {
    const key = pair(endpoint, taskId);
    const s = this.sums.get(key) ?? { endpoint, package: taskId, seconds: 0, n: 0 };
    s.seconds += seconds;
    s.n++;
    this.sums.set(key, s);
    this.stale = true;
  }
}

function pair(endpoint: string, taskId: string): string {
  return `${endpoint}\u0000${taskId}`;
}
