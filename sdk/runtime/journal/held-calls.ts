import type { CallPatch } from './write-batch.js';

/**
 * The rows of new calls that corral has not yet sent to an endpoint, held
 * back from the journal's group commits (see `GroupCommitPacing.holdUnsentMs`)
 * until they are due, change, or the journal is flushed. Kept by run in the
 * order they were held, so the due ones are found from the front without
 * looking at the rest.
 *
 * @example
 * ```ts
 * const held = new HeldCalls();
 * held.add(patch);
 * held.take(patch.runId, patch.callId); // the patch, which leaves the store
 * ```
 */
export class HeldCalls {
  private readonly byRun = new Map<string, Map<string, CallPatch>>();

  add(patch: CallPatch): void {
    let run = this.byRun.get(patch.runId);
    if (!run) this.byRun.set(patch.runId, (run = new Map()));
    run.set(patch.callId, patch);
  }

  /** The held row of a call, which leaves the store: the caller is changing it. */
  take(runId: string, callId: string): CallPatch | undefined {
    const run = this.byRun.get(runId);
    const patch = run?.get(callId);
    if (patch) this.remove(run!, patch);
    return patch;
  }

  /** Hands `to` every held row submitted at or before `cutoff` (every row without one), and forgets them. */
  takeDue(to: (patch: CallPatch) => void, cutoff = Infinity): void {
    for (const run of this.byRun.values()) {
      for (const patch of run.values()) {
        // Held in about the order they were submitted: the first row not due ends the scan.
        if (patch.insert!.submittedAt > cutoff) break;
        this.remove(run, patch);
        to(patch);
      }
    }
  }

  /** When the oldest held row was submitted (epoch ms); undefined when none is held. */
  oldest(): number | undefined {
    let oldest: number | undefined;
    for (const run of this.byRun.values()) {
      const first = run.values().next().value as CallPatch;
      if (oldest === undefined || first.insert!.submittedAt < oldest) oldest = first.insert!.submittedAt;
    }
    return oldest;
  }

  private remove(run: Map<string, CallPatch>, patch: CallPatch): void {
    run.delete(patch.callId);
    if (run.size === 0) this.byRun.delete(patch.runId);
  }
}
