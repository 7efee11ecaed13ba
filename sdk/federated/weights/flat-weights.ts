import { WeightShapeError } from '../errors.js';

/**
 * A model's weights as one contiguous Float32Array plus the shape of each
 * tensor, in model order: what travels between server and clients (binary,
 * never JSON numbers) and what strategies aggregate.
 *
 * @example
 * ```ts
 * const flat = flattenWeights([{ shape: [2, 2], values: new Float32Array(4) }, { shape: [2], values: new Float32Array(2) }]);
 * flat.data.length; // 6
 * ```
 */
export interface FlatWeights {
  readonly data: Float32Array;
  readonly shapes: readonly (readonly number[])[];
}

/**
 * One tensor's values and shape.
 *
 * @example
 * ```ts
 * const bias: WeightTensor = { shape: [10], values: new Float32Array(10) };
 * ```
 */
export interface WeightTensor {
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

/**
 * Number of elements of a shape.
 *
 * @example
 * ```ts
 * sizeOf([784, 128]); // 100352
 * ```
 */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * Concatenates tensors into one {@link FlatWeights}.
 *
 * @example
 * ```ts
 * const flat = flattenWeights(tensors);
 * ```
 */
export function flattenWeights(tensors: readonly WeightTensor[]): FlatWeights {
  const total = tensors.reduce((n, t) => n + t.values.length, 0);
  const data = new Float32Array(total);
  let offset = 0;
  tensors.forEach((t, i) => {
    if (t.values.length !== sizeOf(t.shape)) {
      throw new WeightShapeError(`tensor ${i} has ${t.values.length} values but shape [${t.shape.join(', ')}] needs ${sizeOf(t.shape)}`, `[${t.shape.join(', ')}]`, `${t.values.length} values`);
    }
    data.set(t.values, offset);
    offset += t.values.length;
  });
  return { data, shapes: tensors.map((t) => [...t.shape]) };
}

/**
 * Splits flat data back into tensors of the given shapes (views, no copy).
 *
 * @example
 * ```ts
 * const [kernel, bias] = unflattenWeights(flat.data, flat.shapes);
 * ```
 */
export function unflattenWeights(data: Float32Array, shapes: readonly (readonly number[])[]): WeightTensor[] {
  const total = shapes.reduce((n, s) => n + sizeOf(s), 0);
  if (data.length !== total) {
    throw new WeightShapeError(`weights have ${data.length} values but shapes ${describeShapes(shapes)} need ${total}`, describeShapes(shapes), `${data.length} values`);
  }
  const out: WeightTensor[] = [];
  let offset = 0;
  for (const shape of shapes) {
    const n = sizeOf(shape);
    out.push({ shape: [...shape], values: data.subarray(offset, offset + n) });
    offset += n;
  }
  return out;
}

/**
 * Shapes as text, for messages.
 *
 * @example
 * ```ts
 * describeShapes([[64, 32], [32]]); // '[[64, 32], [32]]'
 * ```
 */
export function describeShapes(shapes: readonly (readonly number[])[]): string {
  return `[${shapes.map((s) => `[${s.join(', ')}]`).join(', ')}]`;
}
