import { randomUUID } from 'node:crypto';
import { CLIENT_SITE, copyBetweenStores, DataLifetimes, dataRefToJson, getMeasured, isDataRefJson, parseDataRef, type DataRef } from '../../data/index.js';
import { AttemptError, type Endpoint, type TaskHandle, type TaskResult, type TaskSpec } from '../../endpoints/index.js';
import { byteSize } from '../call-features.js';
import { callKeyOf } from '../call-keys.js';
import type { CallState } from '../call-state.js';
import { recordDataMove, type Journal } from '../journal/index.js';
import { EndpointStore } from './endpoint-store.js';
import type { Store } from '../../data/index.js';
import type { SessionData } from './session-data.js';

/**
 * One run's side of the data plane: decides which results stay where they
 * were made, hands each attempt its inputs (a reference its endpoint holds,
 * else the value, fetched once), gives the orchestrating code values only when
 * it awaits them, records every move in the journal, and releases what the
 * run made when it ends.
 *
 * @example
 * ```ts
 * const data = new RunData(session, journal, runId);
 * const handle = data.submit(endpoint, call, spec);   // the dispatcher's submit
 * const result = await data.adopt(endpoint, call, await handle.result); // and its adopt
 * const value = await data.materialize(outcome);      // what an awaited future gives
 * await data.endRun();
 * ```
 */
export class RunData {
  readonly lifetimes: DataLifetimes;
  private readonly fetched = new Map<string, Promise<unknown>>();
  private readonly groups = new Map<string, string>();

  constructor(private readonly session: SessionData, private readonly journal: Journal, private readonly runId: string) {
    this.lifetimes = new DataLifetimes((name) => session.storeOf(name));
  }

  /** The reference in a call's outcome, when the outcome is a kept result. */
  refOf(outcome: unknown): DataRef | undefined {
    return isDataRefJson(outcome) ? parseDataRef(outcome, `run ${this.runId} result`) : undefined;
  }

  /** The value of an outcome: a kept result is read from its store (fetched once per run). */
  materialize(outcome: unknown): Promise<unknown> | unknown {
    const ref = this.refOf(outcome);
    return ref ? this.value(ref) : outcome;
  }

  /** Whether the store a journaled reference names still holds it (else it is recomputed from its producer). */
  async alive(ref: DataRef): Promise<boolean> {
    const store = this.session.storeOf(ref.store);
    if (!store) return false;
    try {
      return await store.has(ref);
    } catch {
      return false;
    }
  }

  /** Counts a reference the run holds (a result, kept or replayed). */
  track(ref: DataRef, cache: boolean): void {
    this.lifetimes.track(ref, { cache });
  }

  /** The call will read these references: they stay until it settles. */
  need(call: CallState): void {
    for (const ref of refsOf(call)) {
      this.lifetimes.track(ref);
      this.lifetimes.need(ref, call.callId);
    }
  }

  /** The call settled: it no longer needs its inputs (nothing to wait for when it had no references). */
  settled(call: CallState): Promise<void> | undefined {
    const refs = refsOf(call);
    return refs.length === 0 ? undefined : this.release(refs, call.callId);
  }

  private async release(refs: readonly DataRef[], callId: string): Promise<void> {
    for (const ref of refs) await this.lifetimes.done(ref, callId).catch(() => false);
  }

  /**
   * Starts an attempt on `endpoint`: inputs held there go as references,
   * others as values. Its result is the endpoint's: {@link adopt} makes it
   * the run's (the dispatcher calls both, so a call's result goes through
   * one `then`, not a mapped promise per attempt).
   */
  submit(endpoint: Endpoint, call: CallState, spec: TaskSpec): TaskHandle {
    const keep = this.keepFor(endpoint, call);
    // The spec carries the call's own arguments.
    if (refsOf(call).length === 0) return endpoint.submit(keep ? { ...spec, keep } : spec);
    const site = this.siteOf(endpoint);
    let inner: TaskHandle | undefined;
    let cancelled: string | undefined;
    const result = (async () => {
      const args = await this.inputsFor(endpoint, call, spec.args, site);
      if (cancelled !== undefined) throw new AttemptError(cancelled, 'cancelled', 'TaskCancelledError');
      inner = endpoint.submit({ ...spec, args, ...(keep ? { keep } : {}) });
      return inner.result;
    })();
    return {
      attemptId: spec.attemptId, result,
      cancel: (reason) => { if (inner) inner.cancel(reason); else cancelled = reason ?? `attempt ${spec.attemptId} cancelled`; },
    };
  }

  /** Releases every reference of the run not kept for `cache: true`. */
  async endRun(): Promise<void> {
    const { failed } = await this.lifetimes.endRun();
    for (const f of failed) process.stderr.write(`[corral] run ${this.runId}: releasing data ${f.ref.id} in store ${f.ref.store} failed: ${(f.error as Error).message}\n`);
  }

  /** Whether the endpoint can keep results where they were made: in its own workers (Dask) or its shared store (`store:`). */
  private keeps(endpoint: Endpoint): boolean {
    return endpoint.data !== undefined || this.session.sharedStoreOf(endpoint.name) !== undefined;
  }

  private keepFor(endpoint: Endpoint, call: CallState): TaskSpec['keep'] {
    const keep = call.def.remote?.keep ?? 'auto';
    if (!this.keeps(endpoint) || keep === 'client' || call.pinned) return undefined;
    return { ref: randomUUID(), minBytes: keep === 'endpoint' ? 0 : this.session.keepAboveBytes };
  }

  private siteOf(endpoint: Endpoint): string {
    let site = this.groups.get(endpoint.name);
    if (site === undefined) this.groups.set(endpoint.name, (site = endpoint.describe().transferGroup));
    return site;
  }

  private async inputsFor(endpoint: Endpoint, call: CallState, args: readonly unknown[], site: string): Promise<unknown[]> {
    const shared = this.session.sharedStoreOf(endpoint.name);
    const holds = endpoint.data?.store ?? shared?.name;
    const swap = async (v: unknown, depth: number): Promise<unknown> => {
      if (isDataRefJson(v)) {
        const ref = parseDataRef(v, `${call.def.id} (${call.callId}) argument`);
        if (ref.store === holds) {
          if (ref.site !== site) recordDataMove(this.journal, this.runId, { from: ref.site, to: site, bytes: ref.bytes, seconds: null, viaClient: false, callId: call.callId, refId: ref.id });
          return v;
        }
        const from = this.session.isShared(ref.store) ? this.session.storeOf(ref.store) : undefined;
        // Shared store to shared store: copied there (file to file, or through this process), each copy journaled and timed.
        if (shared && from) return dataRefToJson(await this.copied(ref, from, shared, call.callId));
        return this.value(ref, call.callId);
      }
      if (depth >= 4 || v === null || typeof v !== 'object') return v;
      if (Array.isArray(v)) return Promise.all(v.map((x) => swap(x, depth + 1)));
      if (Object.getPrototypeOf(v) !== Object.prototype) return v;
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = await swap(x, depth + 1);
      return out;
    };
    return Promise.all(args.map((a) => swap(a, 0)));
  }

  /** The value of a reference, for the client or an endpoint of another site. */
  private async value(ref: DataRef, callId?: string): Promise<unknown> {
    const store = this.session.storeOf(ref.store);
    const remote = store instanceof EndpointStore ? store : store && this.session.isShared(ref.store) ? store : undefined;
    // The runtime machine's store: read in this process, no move.
    if (!remote) return this.lifetimes.read(ref);
    let fetching = this.fetched.get(ref.id);
    if (!fetching) {
      fetching = (async () => {
        const t0 = performance.now();
        const fetched = remote instanceof EndpointStore ? await remote.fetch(ref) : await getMeasured(remote, ref);
        const value = 'value' in fetched ? fetched.value : fetched.result;
        // Wire time where the store measured it apart from decoding; else the whole fetch.
        const seconds = fetched.seconds ?? (performance.now() - t0) / 1000;
        recordDataMove(this.journal, this.runId, { from: ref.site, to: CLIENT_SITE, bytes: fetched.bytes, seconds, viaClient: true, callId, refId: ref.id });
        return value;
      })();
      this.fetched.set(ref.id, fetching);
      fetching.catch(() => this.fetched.delete(ref.id));
    }
    return fetching;
  }

  /** `ref` copied into store `to` for call `callId`; the copy is the run's to release. */
  private async copied(ref: DataRef, from: Store, to: Store, callId: string): Promise<DataRef> {
    const copy = await copyBetweenStores(ref, from, to, (m) => recordDataMove(this.journal, this.runId, { ...m, callId, refId: ref.id }));
    this.lifetimes.track(copy);
    return copy;
  }

  /**
   * An attempt's result as the run keeps it: a result the endpoint or the
   * runtime keeps becomes a reference's JSON form (what the journal records).
   * Synchronous unless a bulky local result goes to the memory store: a
   * promise per call costs more promises and a job.
   */
  adopt(endpoint: Endpoint, call: CallState, result: TaskResult): TaskResult | Promise<TaskResult> {
    const site = this.siteOf(endpoint);
    const t = result.timings;
    // Payloads of remote endpoints cross the client both ways (local workers share the runtime's machine).
    if (t.transferInBytes) recordDataMove(this.journal, this.runId, { from: CLIENT_SITE, to: site, bytes: t.transferInBytes, seconds: null, viaClient: true, callId: call.callId });
    if (t.transferOutBytes) recordDataMove(this.journal, this.runId, { from: site, to: CLIENT_SITE, bytes: t.transferOutBytes, seconds: null, viaClient: true, callId: call.callId });
    // Moves the endpoint timed for this attempt (a Globus Compute endpoint's store: puts, copies, reads).
    for (const m of t.moves ?? []) recordDataMove(this.journal, this.runId, { ...m, callId: call.callId });
    const cache = call.def.remote?.cache ?? false;
    if (result.held) {
      const { id, bytes, digest } = result.held;
      let ref: DataRef;
      if (result.held.store !== undefined) {
        // Kept in the endpoint's shared store: read from there only when needed.
        ref = { id, bytes, digest, store: result.held.store, site: result.held.site ?? result.held.store, ...lineageOf(call) };
      } else {
        const store = this.session.endpointStore(endpoint.name)!;
        ref = { id, bytes, digest, store: store.name, site, ...lineageOf(call) };
        store.adopt(ref);
      }
      this.track(ref, cache);
      return { value: dataRefToJson(ref), timings: t };
    }
    const keep = call.def.remote?.keep ?? 'auto';
    if (this.keeps(endpoint) || keep === 'client' || call.pinned || !isBulky(result.value)) return result;
    if (keep === 'auto' && byteSize(result.value) < this.session.keepAboveBytes) return result;
    return this.keepLocally(call, result, site, cache);
  }

  /** A local result stays on the runtime's machine: in memory (spilling to .corral/data), not in the journal. */
  private async keepLocally(call: CallState, result: TaskResult, site: string, cache: boolean): Promise<TaskResult> {
    const stored = await this.session.memory.put(result.value, { producer: call.callId });
    const ref: DataRef = { ...stored, site, ...lineageOf(call) };
    this.track(ref, cache);
    return { value: dataRefToJson(ref), timings: result.timings };
  }
}

/** Who made a result: the call (to recompute it) and its replay key (what consumers' keys hash instead of the ref's id). */
function lineageOf(call: CallState): { producer: string; lineage?: string } {
  const lineage = callKeyOf(call);
  return { producer: call.callId, ...(lineage === undefined ? {} : { lineage }) };
}

/** Values worth keeping by reference: objects (numbers and short strings are cheaper inline). */
function isBulky(value: unknown): boolean {
  return (value !== null && typeof value === 'object') || (typeof value === 'string' && value.length > 1024);
}

/** The references among a call's arguments, parsed once per call. */
function refsOf(call: CallState): readonly DataRef[] {
  return (call.inputRefs ??= refsIn(call.args));
}

/** The references among a call's arguments (top level and nested in arrays and plain objects). */
export function refsIn(args: readonly unknown[]): readonly DataRef[] {
  // Every call asks, several times: plain values (most arguments) cost no array and no closure.
  let refs: DataRef[] | undefined;
  for (const a of args) if (a !== null && typeof a === 'object') refs = collectRefs(a, 0, refs);
  return refs ?? NO_REFS;
}

const NO_REFS: readonly DataRef[] = Object.freeze([]);

function collectRefs(v: unknown, depth: number, refs: DataRef[] | undefined): DataRef[] | undefined {
  if (isDataRefJson(v)) {
    (refs ??= []).push(parseDataRef(v, 'argument'));
    return refs;
  }
  if (depth >= 4 || v === null || typeof v !== 'object') return refs;
  if (Array.isArray(v)) {
    for (const x of v) refs = collectRefs(x, depth + 1, refs);
  } else if (Object.getPrototypeOf(v) === Object.prototype) {
    for (const x of Object.values(v)) refs = collectRefs(x, depth + 1, refs);
  }
  return refs;
}
