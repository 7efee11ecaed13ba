import { findUncloneable } from './uncloneable.js';

/**
 * corral's wire codec: any value structured clone can carry, as plain JSON
 * that survives Python and JSON-only services (Globus Compute's JSONData).
 * Binary data travels base64, never as arrays of numbers.
 *
 * @example
 * ```ts
 * const text = JSON.stringify(encodeWire({ img: new Uint8Array([1, 2]) }));
 * decodeWire(JSON.parse(text)); // { img: Uint8Array [1, 2] }
 * ```
 */
export function encodeWire(value: unknown): unknown {
  const bad = findUncloneable(value);
  if (bad) throw new TypeError(`cannot encode ${bad.path}: it ${bad.reason}`);
  return encode(value);
}

/** Inverse of {@link encodeWire}. */
export function decodeWire(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(decodeWire);
  const tagged = value as Record<string, unknown>;
  const tag = tagged[TAG];
  if (typeof tag !== 'string') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(tagged)) setOwn(out, k, decodeWire(v));
    return out;
  }
  switch (tag) {
    case 'undefined': return undefined;
    case 'number': return Number(tagged.v);
    case 'bigint': return BigInt(tagged.v as string);
    case 'date': return new Date(tagged.v as string);
    case 'map': return new Map((tagged.v as unknown[][]).map(([k, v]) => [decodeWire(k), decodeWire(v)]));
    case 'set': return new Set((tagged.v as unknown[]).map(decodeWire));
    case 'regexp': return new RegExp(tagged.source as string, tagged.flags as string);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(tagged.v as Record<string, unknown>)) setOwn(out, k, decodeWire(v));
      return out;
    }
    case 'error': {
      const error = new Error(tagged.message as string);
      error.name = tagged.name as string;
      if (typeof tagged.stack === 'string') error.stack = tagged.stack;
      return error;
    }
    case 'ArrayBuffer': return toBytes(tagged.b64 as string).buffer;
    default: {
      const ctor = TYPED_ARRAYS[tag];
      if (!ctor) throw new TypeError(`unknown wire tag "${tag}"`);
      const bytes = toBytes(tagged.b64 as string);
      return new ctor(bytes.buffer, bytes.byteOffset, bytes.byteLength / ctor.BYTES_PER_ELEMENT);
    }
  }
}

const TAG = '$corral';

/**
 * Sets `key` as an own property of `target`. An own "__proto__" key is data
 * (JSON.parse makes one): plain assignment would call the prototype setter
 * and drop it.
 *
 * @example
 * ```ts
 * setOwn(copy, '__proto__', 0); // Object.keys(copy) → ['__proto__']
 * ```
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}

type TypedArrayCtor = { new (buffer: ArrayBufferLike, offset: number, length: number): ArrayBufferView; BYTES_PER_ELEMENT: number };
const TYPED_ARRAYS: Record<string, TypedArrayCtor> = {
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array,
};

function encode(value: unknown): unknown {
  switch (typeof value) {
    case 'undefined': return { [TAG]: 'undefined' };
    case 'number': return Number.isFinite(value) ? value : { [TAG]: 'number', v: String(value) };
    case 'bigint': return { [TAG]: 'bigint', v: value.toString() };
    case 'object': break;
    default: return value;
  }
  if (value === null) return null;
  if (Array.isArray(value)) return value.map(encode);
  if (ArrayBuffer.isView(value)) {
    const name = value instanceof Buffer ? 'Uint8Array' : value.constructor.name === 'DataView' ? 'Uint8Array' : value.constructor.name;
    return { [TAG]: name, b64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  }
  if (value instanceof ArrayBuffer) return { [TAG]: 'ArrayBuffer', b64: Buffer.from(value).toString('base64') };
  if (value instanceof Date) return { [TAG]: 'date', v: value.toISOString() };
  if (value instanceof Map) return { [TAG]: 'map', v: [...value].map(([k, v]) => [encode(k), encode(v)]) };
  if (value instanceof Set) return { [TAG]: 'set', v: [...value].map(encode) };
  if (value instanceof RegExp) return { [TAG]: 'regexp', source: value.source, flags: value.flags };
  if (value instanceof Error) return { [TAG]: 'error', name: value.name, message: value.message, stack: value.stack };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) setOwn(out, k, encode(v));
  return TAG in out ? { [TAG]: 'object', v: out } : out;
}

function toBytes(b64: string): Uint8Array {
  const buf = Buffer.from(b64, 'base64');
  // Copy into a fresh, aligned buffer: typed array views need aligned offsets.
  const out = new Uint8Array(buf.byteLength);
  out.set(buf);
  return out;
}
