import { hostname } from 'node:os';
import { TransferModel, type CallInput, type TransferObservation } from '../placement/index.js';
import { ColdStartModel, TransferTimeModel, type ColdStartSample } from '../profiling/index.js';
import { CLIENT_SITE } from './data-plane/index.js';

/**
 * What placement adds to a call's run time besides running it, as DELTA's
 * finish time does (cold start + max(queue wait, transfer) + run).
 *
 * @example
 * ```ts
 * const transfer = deltaTransferModel().link('campus', 'aws', { latencyS: 0.2, bytesPerS: 50e6, usdPerGB: 0.02 });
 * const corral = await Corral.open({ endpoints: 'endpoints.yaml', overheads: { transfer, clientGroup: 'campus' } });
 * ```
 */
export interface OverheadOptions {
  /** Measured cold starts (task imports) to predict from before this session sees any; the journal's profiles are added. */
  readonly coldStarts?: readonly ColdStartSample[];
  /**
   * Seconds and egress dollars to move a call's inputs between transfer
   * groups; replaces the one endpoints.yaml's `transfer:` block describes. A
   * fitted `TransferTimeModel` counts as the priors of its measured links
   * (pairs it never measured are free). Either way the session refines it
   * with the moves its journal measures.
   */
  readonly transfer?: TransferModel | TransferTimeModel;
  /**
   * Transfer group of the machine running the workflow, where values from the
   * orchestrating code (site `client`) are (default: the one transfer group of
   * the session's local endpoints, else `local:<hostname>`, a local endpoint's default).
   */
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
  /** Per endpoint, per task (maps, not a joined key: every candidate of every call looks here). */
  private readonly warmWorkers = new Map<string, Map<string, number>>();
  private model: ColdStartModel | undefined;
  private readonly predicted = new Map<string, Map<string, number>>();
  private stale = false;
  /** The session's transfer model: priors from endpoints.yaml (or the options), refined by measured moves. */
  readonly transfer: TransferModel;
  private readonly clientGroup: string;

  constructor(options: OverheadOptions = {}) {
    for (const s of options.coldStarts ?? []) this.add(s.endpoint, s.package, s.seconds);
    this.transfer = transferModelFrom(options.transfer);
    this.clientGroup = options.clientGroup ?? `local:${hostname()}`;
  }

  /** Learns from a finished attempt's timings; returns nothing. */
  observe(endpoint: string, taskId: string, coldStartSeconds: number | undefined): void {
    if (!(coldStartSeconds! > 0)) return;
    this.add(endpoint, taskId, coldStartSeconds!);
    const warm = inner(this.warmWorkers, endpoint);
    warm.set(taskId, (warm.get(taskId) ?? 0) + 1);
  }

  /** Expected cold start of the task's next call on the endpoint: zero once all its workers are warm. */
  coldStartS(endpoint: string, taskId: string, workers: number): number {
    if (this.sums.size === 0) return 0;
    if ((this.warmWorkers.get(endpoint)?.get(taskId) ?? 0) >= workers) return 0;
    // Asked for every candidate of every call: refit only after a new measurement, and remember answers until then.
    if (this.stale || !this.model) {
      this.model = ColdStartModel.fit([...this.sums.values()].map((s) => ({ endpoint: s.endpoint, package: s.package, seconds: s.seconds / s.n })));
      this.predicted.clear();
      this.stale = false;
    }
    const predicted = inner(this.predicted, endpoint);
    let seconds = predicted.get(taskId);
    if (seconds === undefined) predicted.set(taskId, (seconds = this.model.predict(endpoint, [taskId])));
    return seconds;
  }

  /**
   * Seconds until a call's inputs are in transfer group `group`: each input
   * from where it lives (`inputs`), else all `bytes` from the client.
   */
  transferS(group: string, bytes: number, _call?: unknown, _endpoint?: string, inputs?: readonly CallInput[]): number {
    return this.transfer.inputsSeconds(inputs ?? [{ bytes, site: CLIENT_SITE }], group, this.groupOf);
  }

  /** Egress dollars to bring a call's inputs to transfer group `group`. */
  transferUsd(_call: unknown, _endpoint: string, group: string, inputs: readonly CallInput[]): number {
    return this.transfer.inputsUsd(inputs, group, this.groupOf);
  }

  /**
   * Learns from moves that were measured (the journal's `data_moves` rows
   * with seconds); moves without seconds, or inside one group, teach nothing.
   */
  observeMoves(moves: Iterable<{ readonly from: string; readonly to: string; readonly bytes: number; readonly seconds: number | null }>): void {
    const seen: TransferObservation[] = [];
    for (const m of moves) {
      const from = this.groupOf(m.from);
      const to = this.groupOf(m.to);
      if (from !== to && m.seconds !== null && m.seconds > 0 && Number.isFinite(m.seconds) && m.bytes >= 0) seen.push({ from, to, bytes: m.bytes, seconds: m.seconds });
    }
    if (seen.length > 0) this.transfer.observeAll(seen);
  }

  /** The transfer group of a site: the client's is the runtime machine's (one function, not a regrouped copy of the inputs per call). */
  private readonly groupOf = (site: string): string => (site === CLIENT_SITE ? this.clientGroup : site);

  private add(endpoint: string, taskId: string, seconds: number): void {
    const key = pair(endpoint, taskId);
    const s = this.sums.get(key) ?? { endpoint, package: taskId, seconds: 0, n: 0 };
    s.seconds += seconds;
    s.n++;
    this.sums.set(key, s);
    this.stale = true;
  }
}

function inner<V>(outer: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let map = outer.get(key);
  if (!map) outer.set(key, (map = new Map()));
  return map;
}

function pair(endpoint: string, taskId: string): string {
  return `${endpoint}\u0000${taskId}`;
}

/** A session's transfer model from the options: a fitted model's links as priors, with unmeasured pairs free as they were. */
function transferModelFrom(transfer: TransferModel | TransferTimeModel | undefined): TransferModel {
  if (transfer instanceof TransferModel) return transfer;
  const model = new TransferModel({ latencyS: 0, bytesPerS: Number.POSITIVE_INFINITY });
  for (const l of transfer?.allLinks() ?? []) model.link(l.from, l.to, { latencyS: l.latencyS, bytesPerS: l.bytesPerS });
  return model;
}
