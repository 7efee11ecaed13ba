import { decodeWire, encodeWire } from '../../sdk/graph/index.js';
import {
  decodeWeights, encodedBytes, encodeWeights, flattenWeights, unflattenWeights, seededRandom, WeightShapeError, QUANT_BLOCK,
} from '../../sdk/federated/index.js';

function randomWeights(n: number, seed: number, scale = 1): Float32Array {
  const rng = seededRandom(seed);
  return Float32Array.from({ length: n }, () => (rng() * 2 - 1) * scale);
}

describe('flat weights', () => {
  test('flatten then unflatten restores every tensor and its shape', () => {
    const tensors = [
      { shape: [3, 2], values: Float32Array.from([1, 2, 3, 4, 5, 6]) },
      { shape: [2], values: Float32Array.from([7, 8]) },
      { shape: [1, 1, 1, 3], values: Float32Array.from([9, 10, 11]) },
    ];
    const flat = flattenWeights(tensors);
    expect(Array.from(flat.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const back = unflattenWeights(flat.data, flat.shapes);
    expect(back.map((t) => t.shape)).toEqual([[3, 2], [2], [1, 1, 1, 3]]);
    expect(back.map((t) => Array.from(t.values))).toEqual(tensors.map((t) => Array.from(t.values)));
  });

  test('a length that does not fit the shapes is a WeightShapeError naming both', () => {
    const error = (() => { try { unflattenWeights(new Float32Array(5), [[2, 2], [2]]); } catch (e) { return e; } })() as WeightShapeError;
    expect(error).toBeInstanceOf(WeightShapeError);
    expect(error.code).toBe('CORRAL_FL_WEIGHT_SHAPE');
    expect(error.message).toContain('5 values');
    expect(error.message).toContain('[[2, 2], [2]]');
    expect(() => flattenWeights([{ shape: [2, 3], values: new Float32Array(5) }])).toThrow(/tensor 0 has 5 values but shape \[2, 3\] needs 6/);
  });
});

describe('weight compression', () => {
  const data = randomWeights(3000, 1, 0.3);

  test('none passes the Float32Array through', () => {
    expect(encodeWeights(data, 'none')).toBe(data);
    expect(encodedBytes(encodeWeights(data, 'none'))).toBe(12000);
  });

  test('float16 halves the bytes; values representable in half precision round-trip exactly, others within 2^-11 relative', () => {
    const exact = Float32Array.from([0, 1, -2, 0.5, 1024, -0.125, 65504, 2 ** -24]);
    expect(Array.from(decodeWeights(encodeWeights(exact, 'float16')))).toEqual(Array.from(exact));
    const packed = encodeWeights(data, 'float16');
    expect(encodedBytes(packed)).toBe(6000);
    const back = decodeWeights(packed);
    for (let i = 0; i < data.length; i++) {
      if (Math.abs(data[i]!) > 2 ** -14) expect(Math.abs(back[i]! - data[i]!) / Math.abs(data[i]!)).toBeLessThanOrEqual(2 ** -11);
    }
    expect(Array.from(decodeWeights(encodeWeights(Float32Array.from([1e6, -1e6, NaN]), 'float16')))).toEqual([Infinity, -Infinity, NaN]);
  });

  test('int8 quantisation costs at most half a step per block and about a quarter of the bytes', () => {
    const mixed = Float32Array.from([...randomWeights(QUANT_BLOCK, 2, 5), ...randomWeights(QUANT_BLOCK + 10, 3, 0.01)]);
    const packed = encodeWeights(mixed, 'int8');
    expect(encodedBytes(packed)).toBeLessThan(mixed.byteLength / 3.5);
    const back = decodeWeights(packed);
    // The small-scale block keeps small errors: blocks are quantised separately.
    for (let i = 0; i < mixed.length; i++) {
      const block = mixed.subarray(Math.floor(i / QUANT_BLOCK) * QUANT_BLOCK, Math.floor(i / QUANT_BLOCK) * QUANT_BLOCK + QUANT_BLOCK);
      const step = (Math.max(...block) - Math.min(...block)) / 255;
      expect(Math.abs(back[i]! - mixed[i]!)).toBeLessThanOrEqual(step / 2 + 1e-7);
    }
    const constant = decodeWeights(encodeWeights(new Float32Array(10).fill(0.25), 'int8'));
    expect(Array.from(constant)).toEqual(new Array(10).fill(0.25));
  });

  test.each(['none', 'float16', 'int8'] as const)('%s weights survive the wire codec as binary (base64, not number arrays)', (format) => {
    const packed = encodeWeights(data, format);
    const text = JSON.stringify(encodeWire({ weights: packed }));
    expect(text).not.toMatch(/\[\s*-?\d+(\.\d+)?\s*,\s*-?\d/);
    const back = decodeWire(JSON.parse(text)) as { weights: typeof packed };
    expect(Array.from(decodeWeights(back.weights))).toEqual(Array.from(decodeWeights(packed)));
  });
});
