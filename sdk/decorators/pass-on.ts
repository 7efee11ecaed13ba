/**
 * Passes the result of a task call on to another call without awaiting it,
 * typed as the value it will be. Inside a corral run the receiving call waits
 * for it where it runs, and a result kept at its endpoint travels as a
 * reference, never through this process. Outside a session (plain local code)
 * the receiving method gets the promise itself, so await its parameters there
 * if the method is also called directly.
 *
 * @example
 * ```ts
 * class Chain {
 *   @remote() async make(n: number): Promise<Float64Array> { return new Float64Array(n).fill(1); }
 *   @remote() async sum(a: Float64Array): Promise<number> { return a.reduce((s, x) => s + x, 0); }
 *   async run(n: number): Promise<number> {
 *     return this.sum(passOn(this.make(n))); // the array stays where make ran
 *   }
 * }
 * ```
 */
export function passOn<T>(future: PromiseLike<T>): T {
  // Only the type changes: the runtime recognises the call's future among the arguments.
  return future as unknown as T;
}
