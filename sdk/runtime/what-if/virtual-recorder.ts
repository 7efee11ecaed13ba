import type { CallState } from '../call-state.js';
import type { CallRecord, CallRecorder, RecordedCall } from '../dispatch/index.js';
import type { VirtualWorld } from './virtual-world.js';

/**
 * The recorder of a what-if run: instead of journal rows, per task what the
 * dispatcher expected where it placed it, how many attempts ran, what they
 * cost (preempted ones included), and how many were preemptions. It also
 * keeps what the unplaced rest of the workflow costs at its cheapest, which
 * the budget must still cover.
 *
 * @example
 * ```ts
 * const recorded = new VirtualRecorder(world); // passed as the dispatcher's recorder
 * recorded.attempts[0]; // attempts of task 0
 * ```
 */
export class VirtualRecorder implements CallRecorder {
  readonly attempts: Int32Array;
  readonly usd: Float64Array;
  readonly joules: Float64Array;
  readonly expectedS: Float64Array;
  readonly expectedUsd: Float64Array;
  preemptions = 0;
  private readonly placed: Uint8Array;
  private readonly floorUsd: Float64Array;
  private unplacedUsd = 0;

  constructor(private readonly world: VirtualWorld) {
    const { n, m, usd } = world.inst;
    this.attempts = new Int32Array(n);
    this.usd = new Float64Array(n);
    this.joules = new Float64Array(n);
    this.expectedS = new Float64Array(n);
    this.expectedUsd = new Float64Array(n);
    this.placed = new Uint8Array(n);
    this.floorUsd = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let f = Infinity;
      for (let e = 0; e < m; e++) f = Math.min(f, usd[i * m + e]!);
      this.floorUsd[i] = f;
      this.unplacedUsd += f;
    }
  }

  /** USD the other unplaced tasks need at their cheapest. */
  restUsd(call: Pick<CallState, 'seq'>): number {
    return this.unplacedUsd - (this.placed[call.seq] ? 0 : this.floorUsd[call.seq]!);
  }

  record(call: RecordedCall, r: CallRecord): void {
    const i = this.world.inst.index.get(call.callId)!;
    switch (r.kind) {
      case 'placed': {
        if (!this.placed[i]) {
          this.placed[i] = 1;
          this.unplacedUsd -= this.floorUsd[i]!;
        }
        const e = this.world.at(r.endpoint);
        this.expectedS[i] = r.predicted.seconds + this.world.coldS(i, e);
        // A data-blind policy was not shown the egress the call will pay.
        this.expectedUsd[i] = r.predicted.usd + (this.world.dataBlind ? this.world.moveUsd(i, e) : 0);
        return;
      }
      case 'attempt-started':
        this.attempts[i]! += 1;
        return;
      case 'done':
        this.usd[i]! += r.usd;
        this.joules[i]! += r.joules;
        return;
      case 'attempt-failed':
        this.usd[i]! += r.usd;
        this.joules[i]! += r.joules;
        if (r.error.failure === 'preempted') this.preemptions++;
        return;
      default:
    }
  }
}
