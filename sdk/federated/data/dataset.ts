/**
 * Labelled examples held in memory: features row-major in one Float32Array.
 *
 * @example
 * ```ts
 * const { x, y, featureShape } = await loadDigits(file);
 * x.length === y.length * 64;
 * ```
 */
export interface Dataset {
  readonly x: Float32Array;
  readonly y: Int32Array;
  /** Shape of one example, e.g. [64] or [28, 28, 1]. */
  readonly featureShape: readonly number[];
  readonly numClasses: number;
}

/**
 * Number of examples.
 *
 * @example
 * ```ts
 * datasetSize(await loadDigits(file)); // 1797
 * ```
 */
export function datasetSize(d: Dataset): number {
  return d.y.length;
}

/**
 * The examples at `indices`, copied into a new dataset.
 *
 * @example
 * ```ts
 * const mine = subset(all, parts[3]);
 * ```
 */
export function subset(d: Dataset, indices: readonly number[]): Dataset {
  const width = d.featureShape.reduce((a, b) => a * b, 1);
  const x = new Float32Array(indices.length * width);
  const y = new Int32Array(indices.length);
  indices.forEach((src, i) => {
    x.set(d.x.subarray(src * width, (src + 1) * width), i * width);
    y[i] = d.y[src]!;
  });
  return { x, y, featureShape: d.featureShape, numClasses: d.numClasses };
}
