import { remote } from '../sdk/index.js';

/* Tasks of the data-plane benchmark: Float64Arrays made, scaled and summed. */

function make(n: number, seed: number): Float64Array {
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = (i % 100) + seed;
  return a;
}

function scale(a: Float64Array, k: number): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! * k;
  return out;
}

function sum(arrays: Float64Array[]): number {
  let s = 0;
  for (const a of arrays) for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}

/** Results stay on the Dask workers (keep: 'auto', the default). */
export class KeptArrays {
  @remote()
  async make(n: number, seed: number): Promise<Float64Array> { return make(n, seed); }

  @remote()
  async scale(a: Float64Array, k: number): Promise<Float64Array> { return scale(a, k); }

  @remote()
  async sumAll(arrays: Float64Array[]): Promise<number> { return sum(arrays); }

  /** make -> scale -> scale -> sum: only the sum is awaited. */
  async chain(n: number): Promise<number> {
    const a = this.make(n, 1);
    const b = this.scale(a as unknown as Float64Array, 2);
    const c = this.scale(b as unknown as Float64Array, 0.5);
    return this.sumAll([c] as unknown as Float64Array[]);
  }

  /** `k` arrays made side by side, summed by one call. */
  async fanIn(n: number, k: number): Promise<number> {
    const made = Array.from({ length: k }, (_, i) => this.make(n, i));
    return this.sumAll(made as unknown as Float64Array[]);
  }
}

/** The same workflows, every result brought back to the orchestrating process (the through-client path). */
export class ClientArrays extends KeptArrays {
  @remote({ keep: 'client' })
  override async make(n: number, seed: number): Promise<Float64Array> { return make(n, seed); }

  @remote({ keep: 'client' })
  override async scale(a: Float64Array, k: number): Promise<Float64Array> { return scale(a, k); }

  @remote({ keep: 'client' })
  override async sumAll(arrays: Float64Array[]): Promise<number> { return sum(arrays); }
}

/** What chain(n) and fanIn(n, k) return. */
export function expectedSums(n: number, k: number): { chain: number; fanIn: number } {
  let base = 0;
  for (let i = 0; i < n; i++) base += i % 100;
  let fan = 0;
  for (let s = 0; s < k; s++) fan += base + s * n;
  return { chain: base + n, fanIn: fan };
}
