import { FederatedConfigError } from '../errors.js';

/** How weights are encoded on the wire: raw float32, float16, or 8-bit affine quantisation. */
export type WeightCompression = 'none' | 'float16' | 'int8';

/**
 * Weights as they travel: typed arrays only (binary on every transport).
 * `int8` keeps one scale and offset per block of {@link QUANT_BLOCK} values so
 * one large tensor does not cost the small ones their precision.
 *
 * @example
 * ```ts
 * const packed = encodeWeights(flat.data, 'float16');
 * const back = decodeWeights(packed); // Float32Array, within float16 precision
 * ```
 */
export type EncodedWeights =
  | Float32Array
  | { readonly format: 'float16'; readonly data: Uint16Array }
  | { readonly format: 'int8'; readonly data: Uint8Array; readonly min: Float32Array; readonly step: Float32Array; readonly length: number };

/** Values per quantisation block. */
export const QUANT_BLOCK = 256;

/**
 * Encodes float32 weights for the wire.
 *
 * @example
 * ```ts
 * encodeWeights(data, 'int8'); // about a quarter of the bytes
 * ```
 */
export function encodeWeights(data: Float32Array, compression: WeightCompression = 'none'): EncodedWeights {
  switch (compression) {
    case 'none': return data;
    case 'float16': {
      const out = new Uint16Array(data.length);
      for (let i = 0; i < data.length; i++) out[i] = toFloat16(data[i]!);
      return { format: 'float16', data: out };
    }
    case 'int8': {
      const blocks = Math.ceil(data.length / QUANT_BLOCK);
      const min = new Float32Array(blocks);
      const step = new Float32Array(blocks);
      const out = new Uint8Array(data.length);
      for (let b = 0; b < blocks; b++) {
        const from = b * QUANT_BLOCK;
        const to = Math.min(data.length, from + QUANT_BLOCK);
        let lo = Infinity;
        let hi = -Infinity;
        for (let i = from; i < to; i++) { lo = Math.min(lo, data[i]!); hi = Math.max(hi, data[i]!); }
        const s = hi > lo ? (hi - lo) / 255 : 0;
        min[b] = lo;
        step[b] = s;
        for (let i = from; i < to; i++) out[i] = s === 0 ? 0 : Math.round((data[i]! - lo) / s);
      }
      return { format: 'int8', data: out, min, step, length: data.length };
    }
    default: throw new FederatedConfigError(`unknown weight compression "${String(compression)}": use none, float16 or int8`);
  }
}

/**
 * Decodes wire weights back to float32.
 *
 * @example
 * ```ts
 * const data = decodeWeights(payload);
 * ```
 */
export function decodeWeights(encoded: EncodedWeights): Float32Array {
  if (isFloat32Array(encoded)) return encoded;
  if (encoded.format === 'float16') {
    const out = new Float32Array(encoded.data.length);
    for (let i = 0; i < out.length; i++) out[i] = fromFloat16(encoded.data[i]!);
    return out;
  }
  const out = new Float32Array(encoded.length);
  for (let i = 0; i < out.length; i++) {
    const b = Math.floor(i / QUANT_BLOCK);
    out[i] = encoded.min[b]! + encoded.data[i]! * encoded.step[b]!;
  }
  return out;
}

/** Bytes an encoded payload occupies (its typed arrays). */
export function encodedBytes(encoded: EncodedWeights): number {
  if (isFloat32Array(encoded)) return encoded.byteLength;
  if (encoded.format === 'float16') return encoded.data.byteLength;
  return encoded.data.byteLength + encoded.min.byteLength + encoded.step.byteLength;
}

/**
 * True for a Float32Array from any realm: arrays that crossed a worker or VM
 * boundary by structured clone fail `instanceof` against this realm's class.
 *
 * @example
 * ```ts
 * isFloat32Array(reply.weights);
 * ```
 */
export function isFloat32Array(value: unknown): value is Float32Array {
  return Object.prototype.toString.call(value) === '[object Float32Array]';
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE 754 half precision, round to nearest even; overflow becomes infinity. */
function toFloat16(value: number): number {
  f32[0] = value;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >>> shift;
    const rest = mant & ((1 << shift) - 1);
    const midpoint = 1 << (shift - 1);
    if (rest > midpoint || (rest === midpoint && (half & 1))) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (half & 1))) half++;
  e = half >>> 10;
  return sign | (e >= 0x1f ? 0x7c00 : half);
}

function fromFloat16(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}
