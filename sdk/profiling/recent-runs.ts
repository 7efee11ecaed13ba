/**
 * The most recent runs of one task (call features, endpoint, seconds), at
 * most `capacity` of them: what a refit of its model reads. A ring, so a long
 * session keeps the window, not every run it ever saw.
 *
 * @example
 * ```ts
 * const runs = new RecentRuns(2000);
 * runs.push({ bytes: 1e6 }, 'laptop', 0.21);
 * runs.oldestFirst(); // { inputs: [{ bytes: 1e6 }], groups: ['laptop'], response: [0.21] }
 * ```
 */
export class RecentRuns {
  private readonly inputs: Readonly<Record<string, number>>[] = [];
  private readonly groups: string[] = [];
  private readonly response: number[] = [];
  /** Where the next run goes once the ring is full (then also the oldest run's slot). */
  private next = 0;
  /** Runs pushed since the ring was made, kept or not. */
  total = 0;

  constructor(readonly capacity: number) {}

  get size(): number { return this.inputs.length; }

  push(features: Readonly<Record<string, number>>, endpoint: string, seconds: number): void {
    this.total++;
    if (this.inputs.length < this.capacity) {
      this.inputs.push(features);
      this.groups.push(endpoint);
      this.response.push(seconds);
      return;
    }
    this.inputs[this.next] = features;
    this.groups[this.next] = endpoint;
    this.response[this.next] = seconds;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Every kept run, oldest first. */
  oldestFirst(): { inputs: Readonly<Record<string, number>>[]; groups: string[]; response: number[] } {
    const cut = <T>(a: T[]): T[] => (this.next === 0 ? a.slice() : [...a.slice(this.next), ...a.slice(0, this.next)]);
    return { inputs: cut(this.inputs), groups: cut(this.groups), response: cut(this.response) };
  }

  /** Calls `each` on the kept runs among the last `count` pushed, oldest first. */
  forLast(count: number, each: (features: Readonly<Record<string, number>>, endpoint: string, seconds: number) => void): void {
    const n = Math.min(count, this.inputs.length);
    const size = this.inputs.length;
    // The newest run sits just before `next` once the ring is full, at the end before that.
    const end = size < this.capacity ? size : this.next + size;
    for (let k = end - n; k < end; k++) {
      const i = k % size;
      each(this.inputs[i]!, this.groups[i]!, this.response[i]!);
    }
  }
}
