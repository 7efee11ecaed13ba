/**
 * Counts workers that died before they could work, in a row (none became
 * ready in between), so that a pool whose workers cannot live (a heap limit too small
 * to boot, a broken environment) backs off and then stops, instead of
 * respawning forever.
 *
 * @example
 * ```ts
 * const loop = new CrashLoop(5);
 * const delayMs = loop.died('exited with SIGABRT'); // undefined once the pool must stop
 * ```
 */
export class CrashLoop {
  private inARow = 0;
  private lastReason = '';
  /** Why the pool stopped, once it has. */
  stopped?: string;

  constructor(private readonly limit = 5, private readonly firstDelayMs = 100) {}

  /** A worker became ready. */
  lived(): void { this.inARow = 0; }

  /** A worker died; the delay before its replacement, or undefined when the pool stops. */
  died(reason: string): number | undefined {
    this.inARow += 1;
    this.lastReason = reason;
    if (this.inARow >= this.limit) {
      this.stopped ??= `its workers died ${this.inARow} times in a row before they could run anything (last: ${this.lastReason})`;
      return undefined;
    }
    return this.firstDelayMs * 2 ** (this.inARow - 1);
  }
}
