import { EventQueue } from './event-queue.js';
import type { Clock } from '../dispatch/index.js';

/**
 * A {@link Clock} on virtual time for what-if runs: `after` files a callback
 * at now + ms, and {@link VirtualClock.run} jumps from one event to the next
 * without waiting, letting every promise callback of an event settle first,
 * so the dispatcher sees the same order of events as on the wall clock.
 *
 * @example
 * ```ts
 * const clock = new VirtualClock();
 * clock.after(5_000, () => console.log(clock.now())); // 5000, at once
 * await clock.run();
 * ```
 */
export class VirtualClock implements Clock {
  // Seconds, as the simulation's model counts: an event filed at a time in seconds fires at exactly that time.
  private s = 0;
  private next = 0;
  private readonly queue = new EventQueue();
  private readonly due = new Map<number, () => void>();

  now(): number { return this.s * 1000; }

  /** Virtual seconds since the start. */
  nowS(): number { return this.s; }

  after(ms: number, fn: () => void): void {
    this.atS(this.s + Math.max(0, ms) / 1000, fn);
  }

  /** Calls `fn` when virtual time reaches `seconds` (at once, in order, if that is past). */
  atS(seconds: number, fn: () => void): void {
    const id = this.next++;
    this.due.set(id, fn);
    this.queue.push(Math.max(this.s, seconds), id);
  }

  /** Runs every event in time order (ties first filed, first run); resolves when none is left. */
  async run(): Promise<void> {
    for (;;) {
      // Promise callbacks (an attempt's result reaching the dispatcher) settle before time moves on.
      await new Promise<void>((settled) => setImmediate(settled));
      if (this.queue.size === 0) return;
      const { at, task } = this.queue.pop();
      this.s = at;
      const fn = this.due.get(task)!;
      this.due.delete(task);
      fn();
    }
  }
}
