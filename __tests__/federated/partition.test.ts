import { fileURLToPath } from 'node:url';
import { ClientDataError, loadDigits, partition, type Dataset } from '../../sdk/federated/index.js';

const digitsFile = fileURLToPath(new URL('../fixtures/fl/digits.csv.gz', import.meta.url));
let digits: Dataset;
beforeAll(async () => { digits = await loadDigits(digitsFile); });

const classesOf = (labels: Int32Array, part: number[]) => new Set(part.map((i) => labels[i]));
const expectDisjointCover = (parts: number[][], n: number) => {
  const all = parts.flat().sort((a, b) => a - b);
  expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
};
/** Mean over clients of the share of the client's largest class: 0.1 for balanced 10-class data, 1 when single-class. */
const skew = (labels: Int32Array, parts: number[][]) => parts.reduce((s, part) => {
  const counts = new Map<number, number>();
  for (const i of part) counts.set(labels[i]!, (counts.get(labels[i]!) ?? 0) + 1);
  return s + Math.max(...counts.values()) / part.length;
}, 0) / parts.length;

describe('partitioners (on the real digits data)', () => {
  test('digits loads 1,797 examples of 64 features scaled to [0, 1]', () => {
    expect(digits.y.length).toBe(1797);
    expect(digits.x.length).toBe(1797 * 64);
    expect(Math.max(...digits.x)).toBe(1);
    expect(new Set(digits.y).size).toBe(10);
  });

  test('IID: disjoint, covers everything, near-equal sizes, balanced classes, seeded', () => {
    const parts = partition(digits.y, 8, { kind: 'iid', seed: 3 });
    expectDisjointCover(parts, 1797);
    expect(Math.max(...parts.map((p) => p.length)) - Math.min(...parts.map((p) => p.length))).toBeLessThanOrEqual(1);
    expect(skew(digits.y, parts)).toBeLessThan(0.25);
    expect(partition(digits.y, 8, { kind: 'iid', seed: 3 })).toEqual(parts);
    expect(partition(digits.y, 8, { kind: 'iid', seed: 4 })).not.toEqual(parts);
  });

  test('Dirichlet: disjoint cover, minimum size honoured, smaller alpha gives more skew, seeded', () => {
    const skewed = partition(digits.y, 8, { kind: 'dirichlet', alpha: 0.1, minSize: 20, seed: 1 });
    const mild = partition(digits.y, 8, { kind: 'dirichlet', alpha: 100, minSize: 20, seed: 1 });
    for (const parts of [skewed, mild]) {
      expectDisjointCover(parts, 1797);
      expect(Math.min(...parts.map((p) => p.length))).toBeGreaterThanOrEqual(20);
    }
    expect(skew(digits.y, skewed)).toBeGreaterThan(skew(digits.y, mild) + 0.2);
    expect(partition(digits.y, 8, { kind: 'dirichlet', alpha: 0.1, minSize: 20, seed: 1 })).toEqual(skewed);
  });

  test('Dirichlet names an impossible minimum size', () => {
    expect(() => partition(digits.y, 8, { kind: 'dirichlet', alpha: 0.5, minSize: 300 })).toThrow(/cannot give 8 clients at least 300 of 1797 examples/);
    expect(() => partition(digits.y, 8, { kind: 'dirichlet', alpha: 0 })).toThrow(ClientDataError);
  });

  test('pathological: every client holds exactly k classes', () => {
    const parts = partition(digits.y, 10, { kind: 'pathological', classesPerClient: 2, seed: 5 });
    expectDisjointCover(parts, 1797);
    for (const part of parts) expect(classesOf(digits.y, part).size).toBe(2);
    expect(() => partition(digits.y, 4, { kind: 'pathological', classesPerClient: 11 })).toThrow(/classesPerClient must be in 1..10; got 11/);
  });

  test('shard: each client gets its shards of label-sorted data, so few classes each', () => {
    const parts = partition(digits.y, 10, { kind: 'shard', shardsPerClient: 2, seed: 2 });
    expectDisjointCover(parts, 1797);
    for (const part of parts) expect(classesOf(digits.y, part).size).toBeLessThanOrEqual(4);
    expect(skew(digits.y, parts)).toBeGreaterThan(0.4);
  });
});
