import { CorralError } from '../../errors/index.js';
import { ATTEMPT_FAILURES, attemptFailureOf, type AttemptFailure } from '../attempt-error.js';
import type { DataMove } from '../../database/index.js';
import type { AttemptTimings, EndpointStatus, TaskHandle, TaskResult, TaskSpec } from '../endpoint.js';
import { decodeWire, encodeWire, ENTRY_PROTOCOL_VERSION, type EntryResponse } from '../../graph/index.js';
import {
  BridgeError, redactSecrets, taskProgram,
  type Bridge, type BridgeEngine, type BridgeProcess, type BridgeResult, type ProgramOptions, type RunReport, type TaskProgram,
} from '../../bridge/index.js';
import { RemoteTaskError } from './remote-task-error.js';
import { dataRequest, isStoredResponse, type DataRequest } from './data-request.js';
import type { TaskDataRef, TaskDataStore } from './task-data-store.js';

/**
 * Default payload limit of bridge endpoints: Globus Compute's submission limit.
 *
 * @example
 * ```ts
 * new RemoteEndpointCore({ name, engine: 'dask', config, bridge, maxPayloadBytes: 4 * DEFAULT_MAX_PAYLOAD_BYTES });
 * ```
 */
export const DEFAULT_MAX_PAYLOAD_BYTES = 10_000_000;

/** What a bridge-backed endpoint tells its {@link RemoteEndpointCore}. */
export interface RemoteEndpointCoreOptions {
  readonly name: string;
  readonly engine: BridgeEngine;
  /** Engine configuration sent with `open` (never secrets: those travel in the environment). */
  readonly config: Readonly<Record<string, unknown>>;
  readonly bridge: Bridge;
  readonly program?: ProgramOptions;
  readonly maxPayloadBytes?: number;
  /** Arguments and results whose JSON is larger go through the data store, when there is one (default: the payload limit). */
  readonly storeOverBytes?: number;
  /** Times an in-flight attempt is sent again after the bridge died (default 1). */
  readonly resubmitOnBridgeLoss?: number;
  /** Milliseconds submissions wait to be sent together in one batch (default 2). */
  readonly batchMs?: number;
  /** A known registration of a program (e.g. a cached Globus Compute function id). */
  knownProgram?(key: string, program: TaskProgram): Record<string, unknown> | undefined;
  /** Called with what the engine answered when it defined a program. */
  onDefined?(key: string, program: TaskProgram, data: Readonly<Record<string, unknown>>): void;
}

interface Entry {
  readonly spec: TaskSpec;
  readonly key: string;
  readonly program: TaskProgram;
  readonly request: string;
  /** Where the task side reads stored arguments and writes large results (with a data store). */
  readonly data?: DataRequest;
  readonly submittedAt: number;
  /** Timed moves through the data store made for this attempt so far. */
  readonly moves: DataMove[];
  losses: number;
  /** Lets node exit again once the attempt is no longer in flight. */
  release?: () => void;
  resolve(r: TaskResult): void;
  reject(e: Error): void;
}

/**
 * Everything a bridge-backed endpoint (Dask, Globus Compute) shares: payload
 * checks, batching, program definitions, outcome decoding, resubmission after
 * the bridge died, status. Endpoints wrap it with their configuration.
 *
 * @example
 * ```ts
 * const core = new RemoteEndpointCore({ name: 'cluster', engine: 'dask', config: { address }, bridge });
 * const handle = core.submit(spec);
 * ```
 */
export class RemoteEndpointCore {
  private queue: Entry[] = [];
  private readonly inflight = new Map<string, Entry>();
  private readonly defined = new Set<string>();
  private openedGeneration = 0;
  private opening?: Promise<BridgeProcess>;
  private flushTimer?: NodeJS.Timeout;
  private closed = false;
  private dataStore?: TaskDataStore;
  /** Attempts whose arguments are being stored, and those of them cancelled meanwhile. */
  private readonly preparing = new Set<string>();
  private readonly cancelledEarly = new Set<string>();
  private readonly onResult = (r: BridgeResult) => { if (r.endpoint === this.options.name) this.settle(r); };
  private readonly onLost = (e: BridgeError) => this.bridgeLost(e);

  constructor(readonly options: RemoteEndpointCoreOptions) {
    options.bridge.on('result', this.onResult);
    options.bridge.on('lost', this.onLost);
  }

  /** Attempts queued or running on this endpoint. */
  get pending(): number { return this.queue.length + this.inflight.size; }

  submit(spec: TaskSpec): TaskHandle {
    let resolve!: (r: TaskResult) => void;
    let reject!: (e: Error) => void;
    const result = new Promise<TaskResult>((res, rej) => { resolve = res; reject = rej; });
    const handle: TaskHandle = { attemptId: spec.attemptId, result, cancel: (reason) => this.cancel(spec.attemptId, reason) };
    if (this.closed) {
      reject(this.error(spec, 'CLOSED', 'cancelled', 'EndpointClosed', `endpoint ${this.options.name} is closed`));
      return handle;
    }
    let wireArgs: unknown[];
    let prepared: ReturnType<typeof taskProgram>;
    try {
      wireArgs = encodeWire(spec.args) as unknown[];
      prepared = taskProgram(spec.locator, this.options.program);
    } catch (e) {
      reject(this.error(spec, 'SERIALIZATION', 'serialization', 'SerializationError', `cannot send task ${spec.taskId}: ${(e as Error).message}`));
      return handle;
    }
    const limit = this.options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
    const moves: DataMove[] = [];
    const enqueue = (request: string, data?: DataRequest) => {
      this.preparing.delete(spec.attemptId);
      if (this.cancelledEarly.delete(spec.attemptId)) {
        reject(this.error(spec, 'CANCELLED', 'cancelled', 'Cancelled', 'cancelled before submission'));
        return;
      }
      const argBytes = Buffer.byteLength(request);
      if (argBytes > limit || prepared.bundleBytes > limit) {
        const fix = this.dataStore
          ? `the arguments left after storing the large ones are still over it`
          : `give endpoint ${this.options.name} a \`store:\` in endpoints.yaml (docs/data.md, "Stores for remote endpoints") so that large arguments and results go through it by reference`;
        reject(this.error(spec, 'PAYLOAD_TOO_LARGE', 'payload', 'PayloadTooLarge',
          `task ${spec.taskId} (attempt ${spec.attemptId}) refused before submission to endpoint ${this.options.name}: arguments are ${argBytes} bytes and the bundle ${prepared.bundleBytes} bytes, over the limit of ${limit} bytes per payload; ${fix}`));
        return;
      }
      this.queue.push({ spec, key: prepared.key, program: prepared.program, request, ...(data ? { data } : {}), submittedAt: Date.now(), moves, losses: 0, resolve, reject });
      this.scheduleFlush();
    };
    const store = this.dataStore;
    if (!store) {
      enqueue(JSON.stringify({ protocol: ENTRY_PROTOCOL_VERSION, locator: spec.locator, args: wireArgs }));
      return handle;
    }
    const over = this.options.storeOverBytes ?? limit;
    this.preparing.add(spec.attemptId);
    // The arguments this attempt stored are its own: released once it settles, however it ends.
    let stored: readonly TaskDataRef[] = [];
    result.finally(() => { for (const ref of stored) void store.release(ref).catch(() => undefined); }).catch(() => undefined);
    dataRequest(store, spec, wireArgs, over, (m) => moves.push(m)).then(
      ({ args, data, stored: put }) => (stored = put, enqueue(JSON.stringify({ protocol: ENTRY_PROTOCOL_VERSION, locator: spec.locator, args }), data)),
      (e: unknown) => {
        this.preparing.delete(spec.attemptId);
        this.cancelledEarly.delete(spec.attemptId);
        reject(e instanceof CorralError
          ? e
          : this.error(spec, 'DATA_STORE', 'error', 'DataStoreError', `task ${spec.taskId} (attempt ${spec.attemptId}): cannot store its arguments in store ${store.name} for endpoint ${this.options.name}: ${(e as Error).message}`));
      },
    );
    return handle;
  }

  /** Passes large arguments and results of later submissions through `store`. */
  useDataStore(store: TaskDataStore): void {
    this.dataStore = store;
  }

  private scheduleFlush(): void {
    if (this.flushTimer || this.closed) return;
    this.flushTimer = setTimeout(() => { this.flushTimer = undefined; void this.flush(); }, this.options.batchMs ?? 2);
  }

  private async ensureOpen(): Promise<BridgeProcess> {
    const { process, generation } = await this.options.bridge.ready();
    if (generation === this.openedGeneration) return process;
    this.opening ??= (async () => {
      this.defined.clear();
      await process.request('open', { endpoint: this.options.name, engine: this.options.engine, config: this.options.config });
      this.openedGeneration = generation;
      return process;
    })().finally(() => { this.opening = undefined; });
    return this.opening;
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let process: BridgeProcess;
    try {
      process = await this.ensureOpen();
    } catch (e) {
      for (const entry of batch) entry.reject(this.fromBridgeError(entry.spec, e));
      return;
    }
    const ready: Entry[] = [];
    for (const entry of batch) {
      if (!this.defined.has(entry.key)) {
        try {
          const data = await process.request('define', { endpoint: this.options.name, key: entry.key, program: entry.program, known: this.options.knownProgram?.(entry.key, entry.program) ?? {} });
          this.defined.add(entry.key);
          this.options.onDefined?.(entry.key, entry.program, data);
        } catch (e) {
          entry.reject(this.fromBridgeError(entry.spec, e));
          continue;
        }
      }
      ready.push(entry);
    }
    if (ready.length === 0) return;
    for (const entry of ready) {
      entry.release = process.hold();
      this.inflight.set(entry.spec.attemptId, entry);
    }
    try {
      await process.request('submit', {
        endpoint: this.options.name,
        tasks: ready.map((e) => ({ task: e.spec.attemptId, program: e.key, request: e.request, timeoutS: e.spec.timeoutS ?? null, ...(e.data ? { data: e.data } : {}) })),
      });
    } catch (e) {
      // A lost bridge has already requeued or failed these; anything else fails them here.
      if (e instanceof BridgeError && e.code === 'CORRAL_BRIDGE_LOST') return;
      for (const entry of ready) {
        if (this.takeInflight(entry.spec.attemptId)) entry.reject(this.fromBridgeError(entry.spec, e));
      }
    }
  }

  private bridgeLost(e: BridgeError): void {
    const limit = this.options.resubmitOnBridgeLoss ?? 1;
    const again: Entry[] = [];
    for (const entry of this.inflight.values()) {
      entry.release?.();
      if (entry.losses < limit) {
        entry.losses += 1;
        again.push(entry);
      } else {
        entry.reject(this.error(entry.spec, 'BRIDGE_LOST', 'crash', 'BridgeLost', `task ${entry.spec.taskId} (attempt ${entry.spec.attemptId}) on endpoint ${this.options.name} was lost with the bridge process after ${entry.losses} resubmission(s): ${e.message}`));
      }
    }
    this.inflight.clear();
    if (again.length === 0 || this.closed) return;
    this.queue = [...again, ...this.queue];
    this.scheduleFlush();
  }

  private settle(r: BridgeResult): void {
    const entry = this.takeInflight(r.task);
    if (!entry) return;
    if (r.error) {
      // The bridge is another program: a failure kind it names must be one corral knows, else the attempt counts as a crash.
      const failure = attemptFailureOf(r.error.failure ?? 'crash');
      const unknown = failure ? '' : ` (the bridge gave an unknown failure kind ${JSON.stringify(r.error.failure)}; known: ${ATTEMPT_FAILURES.join(', ')})`;
      entry.reject(this.error(entry.spec, r.error.code, failure ?? 'crash', r.error.name ?? 'RemoteError', `task ${entry.spec.taskId} (attempt ${entry.spec.attemptId}) on endpoint ${this.options.name}: ${r.error.message}${unknown}`, undefined, r.error.remoteTaskId));
      return;
    }
    this.settleRun(entry, r.run!);
  }

  private takeInflight(attemptId: string): Entry | undefined {
    const entry = this.inflight.get(attemptId);
    if (!entry) return undefined;
    this.inflight.delete(attemptId);
    entry.release?.();
    return entry;
  }

  private settleRun(entry: Entry, run: RunReport): void {
    const { spec } = entry;
    const timings: AttemptTimings = {
      submittedAt: entry.submittedAt, startedAt: run.startedAt, endedAt: run.endedAt,
      queueSeconds: run.startedAt ? Math.max(0, (run.startedAt - entry.submittedAt) / 1000) : undefined,
      transferInBytes: Buffer.byteLength(entry.request), logRef: run.remoteTaskId ?? (run.host ? `${run.host}:${run.workerPid ?? run.pid}` : undefined),
      ...(entry.moves.length > 0 ? { moves: entry.moves } : {}),
    };
    const where = `task ${spec.taskId} (attempt ${spec.attemptId}) on endpoint ${this.options.name}${run.host ? ` (host ${run.host})` : ''}`;
    if (run.kind === 'data-lost' && entry.data && run.lost) {
      entry.reject(this.dataStore!.lost(run.lost.ref, run.lost.where, `${run.lost.reason} (read by ${where})`));
      return;
    }
    if (run.kind !== 'response') {
      const [code, failure, name] = runFailure(run.kind);
      const tail = run.stderr ? `; stderr: ${run.stderr.slice(-1000)}` : '';
      entry.reject(this.error(spec, code, failure, name, `${where}: ${run.message ?? run.kind}${tail}`, undefined, timings.logRef));
      return;
    }
    let response: EntryResponse;
    try {
      response = JSON.parse(run.response!) as EntryResponse;
    } catch (e) {
      entry.reject(this.error(spec, 'BAD_RESPONSE', 'crash', 'BadResponse', `${where}: the entry response is not JSON: ${(e as Error).message}`));
      return;
    }
    Object.assign(timings, {
      runSeconds: response.timings.runSeconds, coldStartSeconds: (run.coldStartSeconds ?? 0) + response.timings.loadSeconds,
      cpuSeconds: response.timings.cpuSeconds, peakMemoryBytes: response.timings.peakMemoryBytes,
      transferOutBytes: Buffer.byteLength(run.response!),
    });
    if (!response.ok) {
      entry.reject(this.error(spec, 'TASK_FAILED', 'error', response.error.name, response.error.message, response.error.stack, timings.logRef));
      return;
    }
    if (isStoredResponse(response)) {
      const store = this.dataStore!;
      const ref = response.valueRef;
      if (spec.keep) {
        // Kept where the task side wrote it: read only when the runtime needs the value, or passed on by reference.
        entry.resolve({ value: undefined, timings, held: { id: ref.id, bytes: ref.bytes, digest: ref.digest, store: ref.store, site: ref.site } });
        return;
      }
      // A result over the limit nobody asked to keep: read it back here.
      timings.transferOutBytes = (timings.transferOutBytes ?? 0) + ref.bytes;
      // Read once into this process, the stored copy has done its job.
      store.get(ref, (m) => entry.moves.push(m)).then((value) => {
        entry.resolve({ value, timings: { ...timings, moves: entry.moves } });
        void store.release(ref).catch(() => undefined);
      }, (e: unknown) => entry.reject(e as Error));
      return;
    }
    try {
      entry.resolve({ value: decodeWire(response.value), timings });
    } catch (e) {
      entry.reject(this.error(spec, 'SERIALIZATION', 'serialization', 'DeserializationError', `${where}: cannot decode the result: ${(e as Error).message}`));
    }
  }

  private cancel(attemptId: string, reason?: string): void {
    const queued = this.queue.findIndex((e) => e.spec.attemptId === attemptId);
    if (this.preparing.has(attemptId)) this.cancelledEarly.add(attemptId);
    if (queued >= 0) {
      const [entry] = this.queue.splice(queued, 1);
      entry!.reject(this.error(entry!.spec, 'CANCELLED', 'cancelled', 'Cancelled', `cancelled before submission${reason ? `: ${reason}` : ''}`));
      return;
    }
    if (this.inflight.has(attemptId)) {
      void this.options.bridge.ready().then(({ process }) => process.request('cancel', { endpoint: this.options.name, tasks: [attemptId] })).catch(() => undefined);
    }
  }

  /** Live status from the engine; an unreachable engine or bridge is offline. */
  async status(): Promise<EndpointStatus & Record<string, unknown>> {
    try {
      const process = await this.ensureOpen();
      const s = await process.request('status', { endpoint: this.options.name }, 15);
      return { ...s, online: Boolean(s.online), totalWorkers: Number(s.totalWorkers ?? 0), idleWorkers: Number(s.idleWorkers ?? 0), queued: Number(s.queued ?? 0) + this.queue.length };
    } catch (e) {
      return { online: false, totalWorkers: 0, idleWorkers: 0, queued: this.pending, detail: redactSecrets((e as Error).message) };
    }
  }

  /** Engine metadata of the endpoint (Globus Compute: `get_endpoint_metadata`). */
  async metadata(): Promise<Record<string, unknown>> {
    const process = await this.ensureOpen();
    return process.request('metadata', { endpoint: this.options.name }, 30);
  }

  /** Cancels everything pending and closes the endpoint in the bridge. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    for (const entry of [...this.queue, ...this.inflight.values()]) {
      entry.release?.();
      entry.reject(this.error(entry.spec, 'CLOSED', 'cancelled', 'EndpointClosed', `endpoint ${this.options.name} closed with the task still pending`));
    }
    this.queue = [];
    this.inflight.clear();
    this.options.bridge.off('result', this.onResult);
    this.options.bridge.off('lost', this.onLost);
    if (this.openedGeneration > 0 && this.options.bridge.generation === this.openedGeneration && this.options.bridge.pid) {
      await this.options.bridge.ready().then(({ process }) => process.request('close', { endpoint: this.options.name }, 15)).catch(() => undefined);
    }
  }

  private fromBridgeError(spec: TaskSpec, e: unknown): RemoteTaskError {
    const be = e instanceof BridgeError ? e : undefined;
    const code = be?.engineCode ?? be?.code.replace(/^CORRAL_/, '') ?? 'BRIDGE';
    const failure: AttemptFailure = code === 'CONNECT_FAILED' ? 'offline' : code === 'GC_PAYLOAD_TOO_LARGE' ? 'payload' : 'crash';
    return this.error(spec, code, failure, be?.name ?? 'Error', `task ${spec.taskId} (attempt ${spec.attemptId}) could not be sent to endpoint ${this.options.name}: ${(e as Error).message}`);
  }

  private error(spec: TaskSpec, code: string, failure: AttemptFailure, name: string, message: string, stack?: string, logRef?: string): RemoteTaskError {
    const plain = code.replace(/^CORRAL_(REMOTE_)?/, '');
    return new RemoteTaskError(`CORRAL_REMOTE_${plain}`, redactSecrets(message), failure, name, this.options.name, spec.taskId, spec.attemptId, stack && redactSecrets(stack), logRef);
  }
}

/** Code, failure class and error name of a run that gave no response (a warm worker's memory kill is a crash). */
function runFailure(kind: RunReport['kind']): [string, AttemptFailure, string] {
  if (kind === 'timeout') return ['TIMEOUT', 'timeout', 'Timeout'];
  if (kind === 'memory') return ['WORKER_MEMORY', 'crash', 'WorkerOutOfMemory'];
  return [kind.toUpperCase(), 'crash', 'NodeCrashed'];
}
