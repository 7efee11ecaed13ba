import { deserialize, serialize } from 'node:v8';

// v8.serialize makes a serializer object and a buffer for every value, a few microseconds even for a
// number; most results of small calls are numbers, booleans or null. Their v8 encoding is short and
// documented (a header, then 'I' + zigzag varint for a small integer, 'N' + float64, 'T', 'F', '0', '_'),
// so they are written directly, in bytes `deserialize` reads like its own.
const HEADER = (() => {
  const whole = serialize(null);
  return whole.subarray(0, whole.length - 1);
})();
const TAG = { int: 0x49, double: 0x4e, true: 0x54, false: 0x46, null: 0x30, undefined: 0x5f } as const;

function encodePrimitive(value: unknown): Buffer | undefined {
  switch (typeof value) {
    case 'number': {
      if (Number.isInteger(value) && value >= -0x80000000 && value <= 0x7fffffff && !Object.is(value, -0)) {
        const out = Buffer.allocUnsafe(HEADER.length + 6);
        HEADER.copy(out, 0);
        let at = HEADER.length;
        out[at++] = TAG.int;
        // ZigZag, then base-128 little-endian.
        let z = ((value << 1) ^ (value >> 31)) >>> 0;
        while (z >= 0x80) { out[at++] = (z & 0x7f) | 0x80; z >>>= 7; }
        out[at++] = z;
        return out.subarray(0, at);
      }
      const out = Buffer.allocUnsafe(HEADER.length + 9);
      HEADER.copy(out, 0);
      out[HEADER.length] = TAG.double;
      out.writeDoubleLE(value, HEADER.length + 1);
      return out;
    }
    case 'boolean': return tagged(value ? TAG.true : TAG.false);
    case 'undefined': return tagged(TAG.undefined);
    case 'object': return value === null ? tagged(TAG.null) : undefined;
    default: return undefined;
  }
}

function tagged(tag: number): Buffer {
  const out = Buffer.allocUnsafe(HEADER.length + 1);
  HEADER.copy(out, 0);
  out[HEADER.length] = tag;
  return out;
}

// Written directly only if this node writes these values the same way (checked once, at load).
const direct = [0, 1, -1, 63, 64, -65, 300, 2 ** 31 - 1, -(2 ** 31), 1.5, -0, 2 ** 40, Number.NaN, true, false, null, undefined]
  .every((v) => encodePrimitive(v)!.equals(serialize(v)));

/**
 * A value as the journal stores it: v8 serialization, whatever structured
 * clone carries (numbers, booleans and null written directly, in the same bytes).
 *
 * @example
 * ```ts
 * decodeValue(encodeValue({ ok: [1, 2] })); // { ok: [1, 2] }
 * ```
 */
export function encodeValue(value: unknown): Buffer {
  return (direct ? encodePrimitive(value) : undefined) ?? serialize(value);
}

/**
 * Reads back a value stored by {@link encodeValue}; `undefined` for none.
 *
 * @example
 * ```ts
 * decodeValue(null); // undefined
 * ```
 */
export function decodeValue(blob: Buffer | null): unknown {
  return blob === null ? undefined : deserialize(blob);
}
