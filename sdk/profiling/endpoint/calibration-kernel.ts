/** What one calibration run measured. */
export interface CalibrationResult {
  /** Kernel iterations per second: higher is faster. */
  readonly iterationsPerSecond: number;
  readonly iterations: number;
  readonly seconds: number;
  /** Checksum of the work done, so the kernel cannot be optimised away (and equal on every machine for equal iterations). */
  readonly checksum: number;
}

const STATE_WORDS = 64;

/**
 * One iteration of corral's fixed CPU kernel: integer mixing (xorshift),
 * a small table permutation and a CRC-like fold over 64 words. Like
 * CoreMark, a fixed mix of integer, branch and memory work that ranks CPUs
 * roughly as real code does.
 */
function iterate(state: Uint32Array, seed: number): number {
  let x = seed | 0 || 1;
  let crc = 0xffffffff;
  for (let i = 0; i < STATE_WORDS; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    const j = (x >>> 0) % STATE_WORDS;
    const t = state[i]; state[i] = state[j] ^ (x >>> 0); state[j] = t;
    let v = state[i];
    for (let b = 0; b < 8; b++) { crc = (crc >>> 1) ^ (0xedb88320 & -((crc ^ v) & 1)); v >>>= 1; }
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * Runs the calibration kernel for about `durationMs` (default 250) and
 * reports iterations/s: the figure corral caches per endpoint as its
 * `calibration`. A plain function of JSON in, JSON out, so the runtime can
 * run it as a task on any endpoint.
 *
 * @example
 * ```ts
 * const { iterationsPerSecond } = runCalibrationKernel({ durationMs: 200 });
 * ```
 */
export function runCalibrationKernel(options: { durationMs?: number } = {}): CalibrationResult {
  const duration = Math.max(10, options.durationMs ?? 250);
  const state = new Uint32Array(STATE_WORDS);
  for (let i = 0; i < STATE_WORDS; i++) state[i] = (i * 2654435761) >>> 0;
  let checksum = 0;
  let iterations = 0;
  // Warm-up so the JIT has compiled the kernel before timing starts.
  for (let i = 0; i < 2000; i++) checksum = (checksum + iterate(state, i + 1)) >>> 0;
  const start = process.hrtime.bigint();
  const limit = BigInt(duration) * 1_000_000n;
  let elapsed = 0n;
  while (elapsed < limit) {
    for (let i = 0; i < 1000; i++) checksum = (checksum + iterate(state, iterations + i + 1)) >>> 0;
    iterations += 1000;
    elapsed = process.hrtime.bigint() - start;
  }
  const seconds = Number(elapsed) / 1e9;
  return { iterationsPerSecond: iterations / seconds, iterations, seconds, checksum };
}
