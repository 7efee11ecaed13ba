import { existsSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { runWithCallHook } from '../decorators/index.js';
import { budgetOfMethod, definitionOfMethod, definitionsOfClass, loadManifest, type Manifest } from '../graph/index.js';
import { LocalEndpoint, importModule, type Endpoint } from '../endpoints/index.js';
import { federatedJob, FederatedStoppedError, runFederated, type FederateInputs, type FederateResult } from '../federated/index.js';
import { TransferModel, type PlacementPolicy } from '../placement/index.js';
import { ProfilePredictor, ProfileStore, type Predictor } from '../profiling/index.js';
import { createEndpoints, loadEndpointsFile, type EndpointsFile } from './config/endpoints-file.js';
import { connectEndpointStores, type EndpointStores } from './config/endpoint-stores.js';
import { compileCorralOptions, CORRAL_DEFAULTS, type CompiledCorralOptions, type CorralOptions } from './corral-options.js';
import { policyFor } from './policy-for.js';
import { pricedAt } from './config/priced-at.js';
import { costModelFor, costValidator } from './cost-models.js';
import type { CallState } from './call-state.js';
import { EndpointSlot } from './endpoint-slot.js';
import { SessionClosedError, WorkflowError } from './errors.js';
import { RunEvents } from './events.js';
import { journalFederatedRounds, restoreRoundEvents } from './federated-journal.js';
import { Journal, decodeValue, encodeValue, measuredMoves, watchDataMoves, type DataMove } from './journal/index.js';
import { transferModelOf } from './config/simulation-endpoints.js';
import { calibrateEndpoints } from './calibration-task.js';
import { CallOverheads } from './call-overheads.js';
import { capHeapGrowth } from './heap-growth.js';
import { Replacer } from './re-placement.js';
import { newRunId } from './run-id.js';
import { WorkflowRun } from './workflow-run.js';
import { SessionData } from './data-plane/index.js';

/** A class whose decorated methods corral can run. */
export type WorkflowClass = abstract new (...args: any[]) => any;
type AnyClass = WorkflowClass;
type MethodsOf<C extends AnyClass> = { [K in keyof InstanceType<C>]: InstanceType<C>[K] extends (...args: any[]) => any ? K : never }[keyof InstanceType<C>] & string;
type Result<C extends AnyClass, M extends MethodsOf<C>> = Awaited<ReturnType<InstanceType<C>[M]>>;

const sessionHooks = new Set<(corral: Corral) => void>();

/**
 * A corral session: endpoints, placement policy, predictor and journal. Inside
 * `run`, every call of a decorated method becomes a task placed on an
 * endpoint; outside, decorated code runs as plain code.
 *
 * @example
 * ```ts
 * const corral = await Corral.open({ endpoints: 'endpoints.yaml' });
 * const labels = await corral.run(Images, 'pipeline', images);
 * console.log(corral.lastRunId);
 * await corral.close();
 * ```
 */
export class Corral {
  readonly events = new RunEvents();
  private closed = false;
  private active = new Set<Promise<unknown>>();
  lastRunId?: string;

  private constructor(
    readonly journal: Journal,
    /** Every finished attempt, for prediction (in the journal's database). */
    readonly profiles: ProfileStore,
    private readonly slots: Map<string, EndpointSlot<CallState>>,
    readonly policy: PlacementPolicy,
    readonly predictor: Predictor,
    private readonly options: CompiledCorralOptions,
    private readonly endpointsFile?: string,
    private readonly manifest?: Manifest,
    transfer: TransferModel = new TransferModel(),
  ) {
    // The journal's folder (.corral) also holds what the runtime machine's store spills.
    this.data = new SessionData([...slots.values()].map((s) => s.endpoint), { keepAboveBytes: options.keepAboveBytes, dir: options.journalFile === ':memory:' ? '.corral' : dirname(options.journalFile) });
    journalFederatedRounds(this.events, this.journal);
    this.overheads = new CallOverheads({
      ...options.overheads, coldStarts: [...(options.overheads?.coldStarts ?? []), ...profiles.coldStarts()],
      transfer: options.overheads?.transfer ?? transfer, clientGroup: options.overheads?.clientGroup ?? clientGroupOf([...slots.values()].map((s) => s.description)),
    });
    // Placement prices moving each input with what earlier runs measured, and learns from every move this session measures.
    this.overheads.observeMoves(measuredMoves(journal));
    this.stopLearning = watchDataMoves(journal, (move) => this.overheads.observeMoves([move]));
    this.replacer = new Replacer(slots, options.replacement ?? {}, ({ runId, reason, replaced, moved }) => {
      const at = Date.now();
      this.journal.recordEvent(runId, { at, type: 'run:replaced', data: { reason, replaced, moved } });
      this.events.emitEvent({ type: 'run:replaced', runId, at, reason, replaced, moved });
    });
    this.statusTimer = setInterval(() => void this.refreshStatus(), options.statusIntervalS * 1000);
    this.statusTimer.unref();
    this.releaseHeapGrowth = capHeapGrowth(options.heapGrowthPercent);
  }

  private readonly statusTimer: NodeJS.Timeout;
  private readonly data: SessionData;
  private readonly replacer: Replacer;
  private readonly overheads: CallOverheads;
  private readonly stopLearning: () => void;
  private readonly releaseHeapGrowth: () => void;

  /** Asks every endpoint whether it is online; placement skips offline ones and their waiting calls move. */
  async refreshStatus(): Promise<void> {
    await Promise.all([...this.slots.values()].map(async (slot) => {
      let online: boolean;
      let reason: string | undefined;
      try {
        const status = await withTimeout(slot.endpoint.status(), 10_000);
        online = status.online;
        reason = status.detail;
      } catch (e) {
        online = false;
        reason = (e as Error).message;
      }
      slot.setOnline(online, (call) => call.owner?.replace(call), reason);
    }));
    this.replacer.checkPrices(new Date());
  }

  /**
   * Opens a session: checks the options, loads endpoints.yaml, starts the
   * endpoints, opens the journal. When any step fails, everything opened so
   * far (endpoints, journal) is closed before the error is thrown.
   */
  static async open(options: CorralOptions = {}): Promise<Corral> {
    const o = compileCorralOptions(options);
    const opened: Array<() => unknown> = [];
    try {
      let endpoints: Endpoint[];
      let spec: EndpointsFile | undefined;
      if (Array.isArray(o.endpoints)) {
        endpoints = [...o.endpoints];
      } else {
        const file = typeof o.endpoints === 'string' ? resolvePath(o.endpoints) : existsSync(CORRAL_DEFAULTS.endpointsFile) ? resolvePath(CORRAL_DEFAULTS.endpointsFile) : undefined;
        spec = file ? loadEndpointsFile(file, costValidator()) : undefined;
        endpoints = spec ? createEndpoints(spec) : [new LocalEndpoint({ name: 'local' })];
      }
      opened.push(...endpoints.map((e) => () => e.close()));
      const stores = spec ? connectEndpointStores(spec, endpoints) : undefined;
      if (stores) opened.push(() => stores.close());
      if (endpoints.length === 0) throw new WorkflowError('no endpoints: give Corral.open at least one endpoint');
      const names = new Set<string>();
      for (const e of endpoints) {
        if (names.has(e.name)) throw new WorkflowError(`two endpoints are named "${e.name}"; endpoint names must be unique`);
        names.add(e.name);
      }
      const policy = policyFor(o.policy, spec);
      const journal = Journal.open(o.journalFile);
      opened.push(() => journal.close());
      const manifest = typeof o.manifest === 'string' ? await loadManifest(o.manifest) : o.manifest;
      const profiles = new ProfileStore(journal.db);
      // Experiment planning and `corral profile` need the endpoints a session has used.
      for (const e of endpoints) {
        const d = e.describe();
        profiles.saveEndpoint({ endpoint: d.name, hardware: d.hardware, transferGroup: d.transferGroup });
      }
      if (o.calibrate) await calibrateEndpoints(endpoints, profiles);
      const baseDir = spec ? dirname(spec.file) : process.cwd();
      const slots = new Map(endpoints.map((e) => [e.name, new EndpointSlot<CallState>(e, o.costModels?.[e.name] ?? pricedAt(spec, e.name, () => costModelFor(e.describe(), baseDir)))]));
      // The `transfer:` block of endpoints.yaml, the same model `corral simulate` uses. Without one, links are
      // free until moves are measured: a real run does not invent a latency the session never saw.
      const transfer = spec?.transfer ? transferModelOf(spec) : new TransferModel({ latencyS: 0, bytesPerS: Number.POSITIVE_INFINITY });
      if (spec && !spec.transfer) for (const e of spec.entries) if (e.egressUsdPerGB !== undefined) transfer.egress(e.common.transferGroup ?? e.common.name, e.egressUsdPerGB);
      const corral = new Corral(journal, profiles, slots, policy, o.predictor ?? new ProfilePredictor({ store: profiles }), o, spec?.file, manifest, transfer);
      // From here the session owns everything: closing it releases the endpoints, the journal and its timer.
      opened.splice(0, opened.length, () => corral.close());
      corral.endpointStores = stores;
      if (stores) corral.data.useSharedStores(stores.stores, stores.byEndpoint);
      corral.dataSpecs = Object.fromEntries((spec?.entries ?? []).flatMap((e) => (e.data ? [[e.common.name, e.data]] : [])));
      await corral.refreshStatus();
      for (const hook of sessionHooks) hook(corral);
      return corral;
    } catch (error) {
      await Promise.allSettled(opened.reverse().map(async (close) => close()));
      throw error;
    }
  }

  /** Called with every session opened in this process (the CLI's progress display uses it). */
  static onOpen(hook: (corral: Corral) => void): () => void {
    sessionHooks.add(hook);
    return () => sessionHooks.delete(hook);
  }

  /** The session's endpoints. */
  get endpoints(): Endpoint[] {
    return [...this.slots.values()].map((s) => s.endpoint);
  }

  private dataSpecs: Readonly<Record<string, unknown>> = {};
  private endpointStores?: EndpointStores;

  /**
   * Calls `listener` with every move of data between sites that the session
   * records in its journal (copies between stores, puts and reads of a
   * remote endpoint's store, fetches of kept results, payloads); returns the
   * unsubscribe function.
   *
   * @example
   * ```ts
   * const stop = corral.onDataMove(({ from, to, bytes, seconds }) => console.log(`${from} -> ${to}: ${bytes} B in ${seconds ?? '?'} s`));
   * ```
   */
  onDataMove(listener: (move: DataMove) => void): () => void {
    return watchDataMoves(this.journal, listener);
  }

  /**
   * The `data:` spec of each endpoint in endpoints.yaml that has one (relative
   * paths already resolved), by endpoint name: what `federate` gives clients.
   *
   * @example
   * ```ts
   * const iid = corral.endpointData; // { 'digits-0': { dataset: 'digits', path: '/abs/digits.csv.gz', ... }, ... }
   * ```
   */
  get endpointData(): Readonly<Record<string, unknown>> {
    return { ...this.dataSpecs };
  }

  /**
   * Runs the `@federated` method `method` of `cls` as a federated job in this
   * session, recorded as a run (workflow `Cls.method`) so `corral runs`,
   * `corral show` and `corral report` cover it. Clients are the session's
   * endpoints (or those `@federated({ clients })` names), each with its data
   * spec from endpoints.yaml (`inputs.data`, then `@federated({ data })`, fill
   * in); rounds are checkpointed in the journal's database and each emits
   * `fl:round`, journaled for the report. Pass the `runId` of an earlier run
   * to resume it after its last finished round, server-optimiser state
   * included. A run whose `signal` aborts stops between rounds with
   * FederatedStoppedError and is marked failed, ready to resume.
   *
   * @example
   * ```ts
   * const corral = await Corral.open({ endpoints: 'endpoints.federated.yaml' });
   * const { runId, weights, rounds } = await corral.federate(Digits, 'train', {
   *   initialWeights: await initialModelWeights(MODEL),
   *   training: { epochs: 1, batchSize: 32, learningRate: 0.1 },
   *   evaluate: modelEvaluator(MODEL, test),
   * });
   * // later, after a crash: await corral.federate(Digits, 'train', { ...sameInputs, runId });
   * ```
   */
  async federate<C extends AnyClass, M extends MethodsOf<C>>(cls: C, method: M, inputs: FederateInputs): Promise<FederateResult> {
    this.ensureOpen(`federate(${cls?.name}, "${String(method)}")`);
    const workflow = `${cls.name}.${method}`;
    const runId = inputs.runId ?? newRunId();
    // Built before the run is recorded: a job that cannot start (no data spec, unknown client) leaves no run behind.
    const job = federatedJob(cls, method, {
      ...inputs, endpoints: this.endpoints, data: { ...this.dataSpecs, ...inputs.data }, dataFile: this.endpointsFile, db: this.journal.db, runId, events: this.events,
    });
    const existing = this.journal.getRun(runId);
    if (existing && existing.workflow !== workflow) throw new WorkflowError(`run ${runId} in journal ${this.journal.path} is a run of ${existing.workflow}, not ${workflow}; use another runId`);
    let firstSeq = 1;
    if (existing) {
      firstSeq = this.journal.prepareResume(runId);
      restoreRoundEvents(this.journal, runId);
    } else {
      this.journal.insertRun({
        id: runId, workflow, module: job.locator.module, exportName: cls.name, method, args: null,
        config: this.runConfig({ federated: { rounds: job.rounds, clients: job.clients.map((c) => c.id) } }),
        budget: null, startedAt: Date.now(),
      });
    }
    this.lastRunId = runId;
    const def = definitionOfMethod(cls, method)!;
    return this.execute(runId, workflow, undefined, firstSeq, false, async (run) => {
      // Client training goes through the run's dispatcher: attempt rows, profiles, budget and retries, pinned to the client's endpoint.
      const result = await runFederated({ ...job, submit: (client, task) => run.submitPinned(def, task, client.endpoint.name) });
      const last = result.rounds.at(-1)?.round ?? 0;
      if (last < job.rounds) {
        throw new FederatedStoppedError(`${workflow}: run ${runId} stopped after round ${last} of ${job.rounds} (aborted); resume it with corral.federate(${cls.name}, '${method}', { ...inputs, runId: '${runId}' })`, last, job.rounds);
      }
      return { ...result, runId };
    }) as Promise<FederateResult>;
  }

  /**
   * Runs a workflow: the method `method` of `cls` with `args`. A `@remote`
   * method runs as one task; any other method, decorated (e.g. with
   * `@costBudget` for a budget) or not, orchestrates the tasks it calls. Results already computed
   * stay in the journal even when the run fails.
   */
  async run<C extends AnyClass, M extends MethodsOf<C>>(cls: C, method: M, ...args: Parameters<InstanceType<C>[M]>): Promise<Result<C, M>> {
    this.ensureOpen(`run(${cls?.name}, "${String(method)}")`);
    const { module, invoke } = resolveWorkflow(cls, method);
    const runId = newRunId();
    this.lastRunId = runId;
    const at = Date.now();
    const budget = budgetOfMethod(cls, method);
    this.journal.insertRun({
      id: runId, workflow: `${cls.name}.${method}`, module, exportName: cls.name, method, args: safeEncode(args),
      config: this.runConfig(), budget: budget ? { ...budget } : null, startedAt: at,
    });
    return this.execute(runId, `${cls.name}.${method}`, budget, 1, false, () => invoke(args)) as Promise<Result<C, M>>;
  }

  /**
   * Finishes a run that stopped (crash, kill): runs its workflow again, taking
   * the result of every call that had finished from the journal instead of
   * running it again.
   */
  async resume(runId: string): Promise<unknown> {
    this.ensureOpen(`resume(${runId})`);
    const row = this.journal.getRun(runId);
    if (!row) throw new WorkflowError(`no run "${runId}" in journal ${this.journal.path}`);
    if (row.status === 'done') return decodeValue(row.result ?? null);
    if (!row.module || !row.export_name || !row.method) throw new WorkflowError(`run ${runId} cannot be resumed: it does not record its workflow module`);
    // The workflow's module as `corral run` loaded it: a TypeScript one through tsx.
    const exports = await importModule(row.module);
    const cls = exports[row.export_name] as AnyClass | undefined;
    if (typeof cls !== 'function') throw new WorkflowError(`run ${runId}: ${row.module} no longer exports ${row.export_name}`);
    const { invoke } = resolveWorkflow(cls, row.method);
    const args = decodeValue(row.args ?? null) as unknown[];
    const firstSeq = this.journal.prepareResume(runId);
    this.lastRunId = runId;
    return this.execute(runId, row.workflow, budgetOfMethod(cls, row.method), firstSeq, true, () => invoke(args));
  }

  /** Stops the endpoints and closes the journal; waits for running workflows first. */
  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.allSettled([...this.active]);
    this.closed = true;
    this.releaseHeapGrowth();
    clearInterval(this.statusTimer);
    this.stopLearning();
    await this.data.close();
    await Promise.all([...this.slots.values()].map((s) => s.endpoint.close()));
    await this.endpointStores?.close();
    this.journal.close();
  }

  private async execute(runId: string, workflow: string, budget: ReturnType<typeof budgetOfMethod>, firstSeq: number, replay: boolean, invoke: (run: WorkflowRun) => unknown): Promise<unknown> {
    const run = new WorkflowRun({
      runId, journal: this.journal, events: this.events, slots: this.slots, policy: this.policy, predictor: this.predictor,
      retryBackoffS: this.options.retryBackoffS, budget: budget?.scope === 'workflow' ? budget : undefined,
      observers: this.options.observers, profiles: this.profiles, manifest: this.manifest, replacer: this.replacer, overheads: this.overheads, firstSeq, replay,
      data: this.data,
    });
    this.events.emitEvent({ type: 'run:started', runId, at: Date.now(), workflow, budget: budget ? { usd: budget.usd, joules: budget.joules, deadlineS: budget.deadlineS } : undefined });
    const work = (async () => {
      let outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
      try {
        outcome = { ok: true, value: await runWithCallHook(run, () => invoke(run)) };
      } catch (error) {
        outcome = { ok: false, error };
      }
      await run.drain();
      await run.endData();
      const at = Date.now();
      const message = outcome.ok ? null : outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
      const result = outcome.ok ? safeEncode(outcome.value) : null;
      this.journal.finishRun(runId, { ok: outcome.ok, at, error: message, result });
      this.journal.flush();
      this.events.emitEvent({ type: 'run:finished', runId, at, ok: outcome.ok, error: message ?? undefined });
      if (!outcome.ok) throw outcome.error;
      return outcome.value;
    })();
    this.active.add(work);
    try {
      return await work;
    } finally {
      this.active.delete(work);
    }
  }

  /** What a run records of the session: endpoints file, policy and endpoints (the report reads them). */
  private runConfig(extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { endpoints: this.endpointsFile ?? null, policy: this.policy.name, endpointList: this.endpointList(), ...extra };
  }

  private endpointList(): Array<{ name: string; kind: string; workers: number; pricing?: string }> {
    return [...this.slots.values()].map((s) => ({ name: s.name, kind: s.description.kind, workers: s.description.workers, ...(typeof s.description.cost?.model === 'string' ? { pricing: s.description.cost.model } : {}) }));
  }

  private ensureOpen(what: string): void {
    if (this.closed) throw new SessionClosedError(what);
  }
}

function resolveWorkflow(cls: AnyClass, method: string): { module: string | null; invoke: (args: readonly unknown[]) => unknown } {
  if (typeof cls !== 'function') throw new WorkflowError(`run: expected a class, got ${typeof cls}`);
  if (cls.prototype === undefined) {
    // An arrow or async function has no prototype: the workflow has to be a method, so that it can be resumed by name.
    throw new WorkflowError(`run: expected a class and the name of one of its methods, got a function without a class (${cls.name || 'anonymous'}): put the orchestrating code in a method, e.g. class Flow { async main() { ... } } and corral.run(Flow, 'main')`);
  }
  if (typeof method !== 'string') {
    throw new WorkflowError(`run(${cls.name}, ...): the second argument must be the name of a method of ${cls.name} (a string), got ${method === undefined ? 'nothing' : typeof method}`);
  }
  const decorated = definitionsOfClass(cls);
  const target = typeof cls.prototype?.[method] === 'function' ? 'instance' : typeof (cls as any)[method] === 'function' ? 'static' : undefined;
  if (!target) {
    const names = Object.getOwnPropertyNames(cls.prototype).filter((n) => n !== 'constructor' && typeof cls.prototype[n] === 'function');
    const near = names.find((n) => n.toLowerCase().startsWith(method.toLowerCase().slice(0, 3)));
    throw new WorkflowError(`${cls.name} has no method "${method}"${near ? ` (did you mean "${near}"?)` : ''}; its methods: ${names.join(', ') || '(none)'}`);
  }
  const definition = definitionOfMethod(cls, method);
  if (definition?.federated) {
    // Its arguments (global weights, client config) come from a server loop, not the caller: running it as a task would train once on this machine with no data.
    throw new WorkflowError(`${cls.name}.${method} is @federated: run it with corral.federate(${cls.name}, '${method}', { initialWeights, training, ... }), which runs the rounds across the endpoints; corral.run and corral.resume run @remote and @costBudget methods only`);
  }
  const module = decorated.find((d) => d.source)?.source?.file ?? null;
  return {
    module,
    invoke: (args) => (target === 'static' ? (cls as any)[method](...args) : new (cls as new () => any)()[method](...args)),
  };
}

/** The runtime machine's transfer group: that of its local endpoints when they share one (else the overheads' default). */
function clientGroupOf(endpoints: ReadonlyArray<{ kind: string; transferGroup: string }>): string | undefined {
  const groups = new Set(endpoints.filter((d) => d.kind === 'local').map((d) => d.transferGroup));
  return groups.size === 1 ? [...groups][0] : undefined;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e: unknown) => { clearTimeout(timer); reject(e); });
  });
}

function safeEncode(value: unknown): Buffer | null {
  try { return encodeValue(value); } catch { return null; }
}
