/**
 * Everything a run report shows, as plain JSON-compatible data: no classes, no
 * functions, times as epoch milliseconds, money in US dollars, energy in joules.
 * The runtime's journal adapter fills it; tests and `corral simulate` can build
 * it by hand.
 *
 * @example
 * ```ts
 * const data: RunReportData = {
 *   run: { id: 'r1', workflow: 'Images.pipeline', startedAt: 0, endedAt: 4000, outcome: 'succeeded', budget: { usd: 2 } },
 *   endpoints: [{ name: 'laptop', kind: 'local' }],
 *   calls: [{
 *     callId: 'c1', taskId: 'Images.thumbnail', endpoint: 'laptop', state: 'done',
 *     attempts: [{ attempt: 1, endpoint: 'laptop', outcome: 'succeeded', queuedAt: 0, startedAt: 10, endedAt: 2010 }],
 *     predicted: { seconds: 1.8, usd: 0, joules: 30 }, actual: { seconds: 2, usd: 0, joules: 32 },
 *     retries: 0, failovers: 0, preemptions: 0,
 *   }],
 *   edges: [],
 * };
 * const html = await renderReport(data);
 * ```
 */
export interface RunReportData {
  readonly run: ReportRun;
  /** Every endpoint the session knew, used or not. */
  readonly endpoints: readonly ReportEndpoint[];
  /** Every task call of the run, in submission order. */
  readonly calls: readonly ReportCall[];
  /** Data dependencies: `to` took a future of `from` as an argument. */
  readonly edges: readonly ReportEdge[];
  /** Per-call budgets declared with `@costBudget({ scope: 'call' })`, by task id. */
  readonly taskBudgets?: Readonly<Record<string, ReportBudget>>;
  /** Present for runs that trained a federated model. */
  readonly federated?: ReportFederated;
  /** Data that moved between sites (from the journal's data_moves), when any did. */
  readonly data?: ReportDataMovement;
}

/**
 * What moved between sites during a run: bytes through the client, and every
 * move (seconds null where it was not measured on its own).
 *
 * @example
 * ```ts
 * const data: ReportDataMovement = { bytesThroughClient: 1830, moved: [{ from: 'dask:tcp://10.0.0.5:8786', to: 'client', bytes: 8e6, seconds: 0.21 }] };
 * ```
 */
export interface ReportDataMovement {
  readonly bytesThroughClient: number;
  readonly moved: ReadonlyArray<{ readonly from: string; readonly to: string; readonly bytes: number; readonly seconds: number | null }>;
}

/**
 * How a run ended; `running` for a report of a run still in progress.
 *
 * @example
 * ```ts
 * const outcome: ReportRunOutcome = run.status === 'done' ? 'succeeded' : 'failed';
 * ```
 */
export type ReportRunOutcome = 'running' | 'succeeded' | 'failed' | 'cancelled';

/**
 * The run as a whole.
 *
 * @example
 * ```ts
 * const run: ReportRun = { id: 'r1', workflow: 'Images.pipeline', startedAt: Date.now(), outcome: 'running' };
 * ```
 */
export interface ReportRun {
  readonly id: string;
  /** The entry point, `Class.method` or a function name. */
  readonly workflow: string;
  /** Epoch milliseconds. */
  readonly startedAt: number;
  /** Epoch milliseconds; absent while running. */
  readonly endedAt?: number;
  readonly outcome: ReportRunOutcome;
  /** Why the run failed, when it did. */
  readonly error?: string;
  /** The workflow budget, when one was declared. */
  readonly budget?: ReportBudget;
  /** Name of the placement policy. */
  readonly policy?: string;
}

/**
 * A budget: any of dollars, joules, wall-clock seconds.
 *
 * @example
 * ```ts
 * const budget: ReportBudget = { usd: 2, deadlineS: 600 };
 * ```
 */
export interface ReportBudget {
  readonly usd?: number;
  readonly joules?: number;
  readonly deadlineS?: number;
}

/**
 * An endpoint as the report names it.
 *
 * @example
 * ```ts
 * const ep: ReportEndpoint = { name: 'spot-east', kind: 'simulated', workers: 8, pricing: 'spot' };
 * ```
 */
export interface ReportEndpoint {
  readonly name: string;
  /** `local`, `globus-compute`, `dask`, `simulated`... */
  readonly kind: string;
  readonly workers?: number;
  /** Short name of the cost model (`on-demand`, `spot`, `hpc-units`, `free`...). */
  readonly pricing?: string;
}

/**
 * State of a call at the end of the run (the runtime's `TaskState`).
 *
 * @example
 * ```ts
 * const finished = (s: ReportCallState) => s === 'done' || s === 'cached' || s === 'replayed';
 * ```
 */
export type ReportCallState = 'waiting' | 'ready' | 'queued' | 'running' | 'retrying' | 'done' | 'failed' | 'cached' | 'replayed' | 'cancelled';

/**
 * Seconds, dollars and joules of one call (predicted or measured).
 *
 * @example
 * ```ts
 * const spent: ReportCost = { seconds: 2.1, usd: 0.0004, joules: 35 };
 * ```
 */
export interface ReportCost {
  readonly seconds: number;
  readonly usd: number;
  readonly joules: number;
}

/**
 * One task call and all its attempts.
 *
 * @example
 * ```ts
 * const call: ReportCall = {
 *   callId: 'c2', taskId: 'Images.classify', endpoint: 'gpu', state: 'done',
 *   attempts: [
 *     { attempt: 1, endpoint: 'spot-east', outcome: 'failed', failure: 'preempted', startedAt: 100, endedAt: 900 },
 *     { attempt: 2, endpoint: 'gpu', outcome: 'succeeded', startedAt: 950, endedAt: 1500 },
 *   ],
 *   retries: 1, failovers: 1, preemptions: 1,
 * };
 * ```
 */
export interface ReportCall {
  readonly callId: string;
  readonly taskId: string;
  /** Endpoint of the last attempt; absent when the call never ran. */
  readonly endpoint?: string;
  readonly state: ReportCallState;
  /** In order, first attempt first. */
  readonly attempts: readonly ReportAttempt[];
  /** What placement expected for the attempt that ran last. */
  readonly predicted?: ReportCost;
  /** What the successful attempt measured (seconds of the task's own code). */
  readonly actual?: ReportCost;
  /** Attempts after the first. */
  readonly retries: number;
  /** Attempts placed on a different endpoint than the one before. */
  readonly failovers: number;
  /** Attempts lost because a spot or preemptible worker was reclaimed. */
  readonly preemptions: number;
}

/**
 * How one attempt ended.
 *
 * @example
 * ```ts
 * const outcome: ReportAttemptOutcome = row.state === 'done' ? 'succeeded' : 'failed';
 * ```
 */
export type ReportAttemptOutcome = 'running' | 'succeeded' | 'failed' | 'cancelled';

/**
 * One attempt of a call on one endpoint.
 *
 * @example
 * ```ts
 * const a: ReportAttempt = {
 *   attempt: 1, endpoint: 'hpc', outcome: 'failed', failure: 'error',
 *   error: { name: 'ModuleNotFoundError', message: "No module named 'numpy'" },
 *   queuedAt: 0, startedAt: 40, endedAt: 90, logRef: 'globus-compute://task/7f3c',
 * };
 * ```
 */
export interface ReportAttempt {
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly endpoint: string;
  readonly outcome: ReportAttemptOutcome;
  /** Why it failed: `error`, `crash`, `timeout`, `preempted`, `offline`, `payload`... */
  readonly failure?: string;
  readonly error?: { readonly name: string; readonly message: string };
  /** Epoch milliseconds when placed on the endpoint. */
  readonly queuedAt?: number;
  /** Epoch milliseconds when the task's code started. */
  readonly startedAt?: number;
  /** Epoch milliseconds when the attempt ended. */
  readonly endedAt?: number;
  /** Where the remote log of this attempt is. */
  readonly logRef?: string;
  /** Why placement chose this endpoint. */
  readonly reason?: string;
  /** What the attempt was billed, failed or not (a failed attempt's time is paid too). */
  readonly cost?: ReportCost;
}

/**
 * A data dependency between two calls.
 *
 * @example
 * ```ts
 * const e: ReportEdge = { from: 'c1', to: 'c2' };
 * ```
 */
export interface ReportEdge {
  readonly from: string;
  readonly to: string;
}

/**
 * Per-round metrics of a federated run.
 *
 * @example
 * ```ts
 * const fl: ReportFederated = {
 *   strategy: 'fedavg',
 *   rounds: [{ round: 1, accuracy: 0.71, loss: 0.9 }, { round: 2, accuracy: 0.83, loss: 0.52 }],
 *   clientTimes: [{ round: 1, client: 'edge-a', seconds: 4.2 }, { round: 1, client: 'hpc', seconds: 1.1 }],
 * };
 * ```
 */
export interface ReportFederated {
  readonly strategy?: string;
  readonly rounds: readonly ReportFlRound[];
  /** Seconds each client spent on its local training, per round. */
  readonly clientTimes: readonly ReportClientTime[];
}

/**
 * Global model metrics after one round.
 *
 * @example
 * ```ts
 * const r: ReportFlRound = { round: 3, accuracy: 0.9, loss: 0.31 };
 * ```
 */
export interface ReportFlRound {
  readonly round: number;
  readonly accuracy?: number;
  readonly loss?: number;
}

/**
 * Time of one client in one round.
 *
 * @example
 * ```ts
 * const t: ReportClientTime = { round: 1, client: 'edge-a', seconds: 4.2 };
 * ```
 */
export interface ReportClientTime {
  readonly round: number;
  /** Client name, usually the endpoint it trained on. */
  readonly client: string;
  readonly seconds: number;
}
