// A call's features for profiling: the byte sizes of its arguments, each measured from its top whatever its position.
import { callFeatures } from '../../sdk/runtime/call-features.js';
import type { TaskDefinition } from '../../sdk/graph/index.js';

const def = { id: 'Train.fit' } as TaskDefinition;

test('an array or object argument counts its bytes at any position (the fifth argument used to measure 0)', () => {
  const samples = [1.5, 2.5, 3.5];
  const { features, inputBytes } = callFeatures(def, [1, 2, 3, 4, samples, { rows: samples }]);
  expect(features.arg4Bytes).toBe(24);
  expect(features.arg5Bytes).toBe(24);
  expect(features.arg0Bytes).toBe(8);
  expect(inputBytes).toBe(4 * 8 + 24 + 24);
  expect(features.bytes).toBe(inputBytes);
});

test('nesting is followed to the same depth for every argument', () => {
  const nested = { a: { b: { c: { d: 'four' } } } };
  const first = callFeatures(def, [nested]).features.arg0Bytes;
  const second = callFeatures(def, [0, nested]).features.arg1Bytes;
  expect(first).toBe(4);
  expect(second).toBe(first);
});

test("a task's own features() are used as given, finite numbers only", () => {
  const custom = { id: 'Train.fit', remote: { features: (n: number) => ({ n, bad: Number.NaN, label: 'x' }) } } as unknown as TaskDefinition;
  expect(callFeatures(custom, [7]).features).toEqual({ n: 7 });
});
