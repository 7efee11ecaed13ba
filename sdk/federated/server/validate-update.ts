import { NonFiniteWeightsError, WeightShapeError } from '../errors.js';
import { isFloat32Array } from '../weights/compression.js';
import { describeShapes } from '../weights/flat-weights.js';

/**
 * Rejects an update whose weights cannot be aggregated: wrong length, shapes
 * that differ from the global model's, or a NaN/infinity. Errors name the
 * round, client, endpoint and what was wrong.
 *
 * @example
 * ```ts
 * validateUpdate(update.weights, update.shapes, model.shapes, { round: 3, client: 'c1', endpoint: 'edge' });
 * ```
 */
export function validateUpdate(
  weights: Float32Array,
  shapes: readonly (readonly number[])[] | undefined,
  expected: readonly (readonly number[])[],
  where: { round: number; client: string; endpoint: string },
): void {
  const at = `client ${where.client} on endpoint ${where.endpoint}, round ${where.round}`;
  const total = expected.reduce((n, s) => n + s.reduce((a, b) => a * b, 1), 0);
  if (shapes && describeShapes(shapes) !== describeShapes(expected)) {
    throw new WeightShapeError(`${at}: returned weights of shapes ${describeShapes(shapes)}; the global model has ${describeShapes(expected)}`, describeShapes(expected), describeShapes(shapes), where);
  }
  if (!isFloat32Array(weights) || weights.length !== total) {
    const got = isFloat32Array(weights) ? `${weights.length} values` : `a ${typeof weights === 'object' && weights ? (weights as object).constructor.name : typeof weights}`;
    throw new WeightShapeError(`${at}: returned ${got}; the global model has ${total} values in shapes ${describeShapes(expected)}`, `${total} values`, got, where);
  }
  for (let i = 0; i < weights.length; i++) {
    if (!Number.isFinite(weights[i]!)) {
      throw new NonFiniteWeightsError(`${at}: weight ${i} (${locate(i, expected)}) is ${weights[i]}`, i, where);
    }
  }
}

function locate(index: number, shapes: readonly (readonly number[])[]): string {
  let offset = 0;
  for (let t = 0; t < shapes.length; t++) {
    const n = shapes[t]!.reduce((a, b) => a * b, 1);
    if (index < offset + n) return `tensor ${t} of shape [${shapes[t]!.join(', ')}], element ${index - offset}`;
    offset += n;
  }
  return 'past the end';
}
