import fc from 'fast-check';
import { DataEncodingError, decodeValue, encodeValue } from '../../sdk/data/index.js';

describe('corral data format (encodeValue/decodeValue)', () => {
  test('every typed array kind comes back as the same kind with the same contents', () => {
    const value = {
      i8: Int8Array.of(-1, 2), u8: Uint8Array.of(255), c8: Uint8ClampedArray.of(9), i16: Int16Array.of(-300),
      u16: Uint16Array.of(60000), i32: Int32Array.of(-5e8), u32: Uint32Array.of(4e9), f32: Float32Array.of(1.5),
      f64: Float64Array.of(Math.PI, -0, Number.NaN), b64: BigInt64Array.of(-(2n ** 62n)), ub64: BigUint64Array.of(2n ** 63n),
      ab: Uint8Array.of(1, 2, 3).buffer,
    };
    const back = decodeValue(encodeValue(value)) as typeof value;
    for (const [k, v] of Object.entries(value)) {
      const got = (back as Record<string, unknown>)[k];
      expect(Object.prototype.toString.call(got)).toBe(Object.prototype.toString.call(v));
      const raw = (x: unknown) => (ArrayBuffer.isView(x) ? new Uint8Array(x.buffer, x.byteOffset, x.byteLength) : new Uint8Array(x as ArrayBuffer));
      expect(raw(got)).toEqual(raw(v));
    }
    expect(Object.is(back.f64[1], -0)).toBe(true);
    expect(back.f64[2]).toBeNaN();
  });

  test('nested objects, Maps, Sets, Dates, non-finite numbers and a view into a larger buffer', () => {
    const big = new Float64Array(100).map((_, i) => i);
    const value = {
      rows: [{ id: 1, v: new Float32Array([1, 2]) }, { id: 2, v: null, u: undefined }],
      index: new Map<unknown, unknown>([['a', new Int32Array([7])], [new Uint8Array([1]), 'key is bytes']]),
      tags: new Set(['x', 'y']), at: new Date('2026-01-02T03:04:05Z'), inf: -Infinity, n: 10n,
      slice: big.subarray(10, 13), weird: { $corral: 'Float64Array', b64: 'AAAA' },
      text: '\u0000corral-part:not-a-nonce:0',
    };
    const back = decodeValue(encodeValue(value)) as Record<string, any>;
    expect(back.rows[0].v).toBeInstanceOf(Float32Array);
    expect([...back.rows[0].v]).toEqual([1, 2]);
    expect(back.rows[1]).toEqual({ id: 2, v: null, u: undefined });
    expect(back.index.get('a')).toEqual(new Int32Array([7]));
    expect([...back.index.keys()][1]).toEqual(new Uint8Array([1]));
    expect(back.tags).toEqual(new Set(['x', 'y']));
    expect(back.at).toEqual(value.at);
    expect(back.inf).toBe(-Infinity);
    expect(back.n).toBe(10n);
    // Only the viewed elements travel, in a buffer of their own.
    expect(back.slice).toEqual(new Float64Array([10, 11, 12]));
    expect(back.slice.buffer.byteLength).toBe(24);
    expect(back.weird).toEqual({ $corral: 'Float64Array', b64: 'AAAA' });
    expect(back.text).toBe(value.text);
  });

  test('binary parts are stored raw, not base64: a 1 MB Float64Array costs about 1 MB', () => {
    const bytes = encodeValue(new Float64Array(131072).fill(1.25));
    expect(bytes.byteLength).toBeGreaterThanOrEqual(1048576);
    expect(bytes.byteLength).toBeLessThan(1048576 + 512);
  });

  test('one array referenced twice comes back as one array referenced twice', () => {
    const shared = new Uint16Array([4, 5]);
    const back = decodeValue(encodeValue({ a: shared, b: [shared] })) as { a: Uint16Array; b: Uint16Array[] };
    expect(back.a).toBe(back.b[0]);
  });

  test('values the format cannot carry are a DataEncodingError naming where', () => {
    expect(() => encodeValue([1, { f: () => 1 }])).toThrow(DataEncodingError);
    expect(() => encodeValue([1, { f: () => 1 }])).toThrow(/\[1\]\.f is a function/);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => encodeValue(cyclic)).toThrow(/cycle/);
    class Point { constructor(public x: number) {} norm() { return this.x; } }
    expect(() => encodeValue({ p: new Point(1) })).toThrow(/class Point with methods/);
  });

  test('bytes that are not corral data are refused with a reason', () => {
    expect(() => decodeValue(new Uint8Array([1, 2, 3]))).toThrow(/too short/);
    expect(() => decodeValue(new Uint8Array(16))).toThrow(/bad magic/);
    const good = encodeValue(new Float64Array(4));
    expect(() => decodeValue(good.subarray(0, good.byteLength - 8))).toThrow(/runs past the end/);
  });

  test('an own "__proto__" key is kept as data, not taken as the prototype (found by the property below)', () => {
    const value = JSON.parse('{"":{"__proto__":0},"a":{"__proto__":{"x":new_}}}'.replace('new_', '1')) as Record<string, unknown>;
    const back = decodeValue(encodeValue(value)) as Record<string, Record<string, unknown>>;
    expect(back).toEqual(value);
    expect(Object.keys(back[''] as object)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(back.a)).toBe(Object.prototype);
  });

  test('property: JSON-like values with typed arrays round-trip', () => {
    // -0 as a plain number becomes 0 in the wire codec's JSON (typed arrays keep it, tested above).
    const leaf = fc.oneof(fc.double().map((x) => (x === 0 ? 0 : x)), fc.string(), fc.boolean(), fc.constant(null),
      fc.float64Array({ maxLength: 8 }), fc.uint8Array({ maxLength: 8 }), fc.int32Array({ maxLength: 8 }));
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.string(), tie('node'), { maxKeys: 4 })),
    })).node;
    fc.assert(fc.property(tree, (value) => {
      expect(decodeValue(encodeValue(value))).toEqual(value);
    }), { numRuns: 200 });
  });
});
