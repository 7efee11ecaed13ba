import { deserialize, serialize } from 'node:v8';
import fc from 'fast-check';
import { decodeValue, encodeValue } from '../../sdk/runtime/journal/index.js';

describe('values as the journal stores them', () => {
  test('numbers, booleans, null and undefined written directly read back as themselves through v8.deserialize', () => {
    const primitive = fc.oneof(
      fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.integer(), fc.double(), fc.constantFrom(-0, Number.NaN, Infinity, -Infinity, 2 ** 31, -(2 ** 31) - 1, 2 ** 53),
      fc.boolean(), fc.constant(null), fc.constant(undefined),
    );
    fc.assert(fc.property(primitive, (v) => {
      expect(Object.is(deserialize(encodeValue(v)), v)).toBe(true);
      expect(Object.is(decodeValue(encodeValue(v)), v)).toBe(true);
    }), { numRuns: 2000 });
  });

  test('they are the bytes v8.serialize writes for the same values (v8 writes an integer held as a double as a double, so literals)', () => {
    for (const v of [0, 7, -7, 63, 64, -65, 4_194_304, 2 ** 31 - 1, -(2 ** 31), 0.1, -0, 2 ** 31, 1e300, true, false, null, undefined]) {
      expect(encodeValue(v).toString('hex')).toBe(serialize(v).toString('hex'));
    }
  });

  test('anything else structured clone carries goes through v8.serialize unchanged', () => {
    for (const v of ['text', 'ü€', { a: [1, 2.5, null] }, [true, undefined], 10n]) {
      expect(encodeValue(v).equals(serialize(v))).toBe(true);
      expect(decodeValue(encodeValue(v))).toEqual(v);
    }
    expect(decodeValue(null)).toBeUndefined();
  });
});
