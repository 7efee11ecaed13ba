import { LostDataError, UntrackedDataError } from './data-errors.js';
import type { DataRef } from './data-ref.js';
import type { Store } from './store.js';

/** What {@link DataLifetimes.endRun} did. */
export interface EndRunSummary {
  readonly released: DataRef[];
  /** References kept for later runs (`cache: true`): record them in the journal. */
  readonly kept: DataRef[];
  /** Releases that failed (store unreachable): their bytes may remain. */
  readonly failed: Array<{ ref: DataRef; error: unknown }>;
}

interface Tracked {
  ref: DataRef;
  cache: boolean;
  /** Call ids of pending calls that will read it. */
  consumers: Set<string>;
  /** The orchestrating code no longer holds it. */
  dropped: boolean;
}

/**
 * Reference counts of one run's data: a reference is released (deleted from
 * its store) once no pending call needs it and either the orchestrating code
 * dropped it or the run ended; references made with `cache: true` are kept.
 * Stores are found by the name in each reference.
 *
 * @example
 * ```ts
 * const lifetimes = new DataLifetimes((name) => stores.get(name));
 * lifetimes.track(ref);
 * lifetimes.need(ref, 'c7');           // call c7 takes it as an argument
 * await lifetimes.done(ref, 'c7');     // c7 finished
 * const { kept } = await lifetimes.endRun();
 * ```
 */
export class DataLifetimes {
  private readonly tracked = new Map<string, Tracked>();

  constructor(private readonly storeOf: (name: string) => Store | undefined) {}

  /** Starts counting a reference (a result just stored). */
  track(ref: DataRef, options: { cache?: boolean } = {}): void {
    const t = this.tracked.get(key(ref));
    if (t) t.cache ||= options.cache ?? false;
    else this.tracked.set(key(ref), { ref, cache: options.cache ?? false, consumers: new Set(), dropped: false });
  }

  /**
   * A pending call (`callId`) will read the reference: it stays until
   * {@link done}. An {@link UntrackedDataError} when it was never tracked.
   */
  need(ref: DataRef, callId: string): void {
    this.entry(ref, callId).consumers.add(callId);
  }

  /** Call `callId` no longer needs the reference (finished, or given up). */
  async done(ref: DataRef, callId: string): Promise<boolean> {
    const t = this.tracked.get(key(ref));
    if (!t) return false;
    t.consumers.delete(callId);
    return this.releaseIfFree(t);
  }

  /** The orchestrating code no longer holds the reference: released now if no call needs it. */
  async drop(ref: DataRef): Promise<boolean> {
    const t = this.tracked.get(key(ref));
    if (!t) return false;
    t.dropped = true;
    return this.releaseIfFree(t);
  }

  /** Call ids still waiting for the reference. */
  consumers(ref: DataRef): string[] {
    return [...(this.tracked.get(key(ref))?.consumers ?? [])];
  }

  /** References still held (not released). */
  live(): DataRef[] {
    return [...this.tracked.values()].map((t) => t.ref);
  }

  /**
   * The run is over: no call is pending any more, so every reference not
   * kept with `cache: true` is released. Failures are reported, not thrown:
   * ending a run does not fail on an unreachable store.
   */
  async endRun(): Promise<EndRunSummary> {
    const released: DataRef[] = [];
    const kept: DataRef[] = [];
    const failed: Array<{ ref: DataRef; error: unknown }> = [];
    await Promise.all([...this.tracked.values()].map(async (t) => {
      if (t.cache) { kept.push(t.ref); return; }
      try {
        await this.release(t);
        released.push(t.ref);
      } catch (error) {
        failed.push({ ref: t.ref, error });
      }
    }));
    return { released, kept, failed };
  }

  /**
   * The value of a reference from its store; a {@link LostDataError} when the
   * store is gone or no longer has it (the runtime recomputes it from
   * `ref.producer`).
   */
  async read(ref: DataRef): Promise<unknown> {
    const store = this.storeOf(ref.store);
    if (!store) throw new LostDataError(ref, `store "${ref.store}"`, `store "${ref.store}" is not open in this run`);
    return store.get(ref);
  }

  private entry(ref: DataRef, callId: string): Tracked {
    const t = this.tracked.get(key(ref));
    if (!t) throw new UntrackedDataError(ref, callId);
    return t;
  }

  private async releaseIfFree(t: Tracked): Promise<boolean> {
    if (t.cache || !t.dropped || t.consumers.size > 0) return false;
    await this.release(t);
    return true;
  }

  private async release(t: Tracked): Promise<void> {
    this.tracked.delete(key(t.ref));
    const store = this.storeOf(t.ref.store);
    if (store) await store.delete(t.ref);
  }
}

function key(ref: DataRef): string {
  return `${ref.store}\u0000${ref.id}`;
}
