import { fitRidge, leverageRidge, predictRidge } from '../../sdk/profiling/models/ridge.js';

describe('fitRidge', () => {
  it('recovers the coefficients of exactly linear data with a negligible penalty', () => {
    const rows = [0, 1, 2, 3, 4].map((x) => [1, x, x * x]);
    const y = rows.map(([, x, x2]) => 3 - 2 * x + 0.5 * x2);
    const fit = fitRidge(rows, y, 1e-9);
    expect(Array.from(fit.coef).map((c) => +c.toFixed(6))).toEqual([3, -2, 0.5]);
    expect(predictRidge(fit, [1, 10, 100])).toBeCloseTo(33, 4);
    expect(fit.sigma2).toBeLessThan(1e-10);
  });

  it('shrinks slopes but not the intercept as the penalty grows', () => {
    const rows = [-1, 0, 1].map((x) => [1, x]);
    const y = [1, 2, 3];
    const weak = fitRidge(rows, y, 1e-6);
    const strong = fitRidge(rows, y, 100);
    expect(weak.coef[1]).toBeCloseTo(1, 4);
    expect(strong.coef[1]).toBeLessThan(0.05);
    expect(strong.coef[0]).toBeCloseTo(2, 6);
  });

  it('gives larger leverage far from the training rows', () => {
    const rows = [0, 1, 2, 3].map((x) => [1, x]);
    const fit = fitRidge(rows, [1, 2, 2.9, 4.2], 1e-6);
    expect(leverageRidge(fit, [1, 20])).toBeGreaterThan(10 * leverageRidge(fit, [1, 1.5]));
  });

  it('fits a single row (intercept only) without failing', () => {
    const fit = fitRidge([[1, 5]], [2], 1);
    expect(Number.isFinite(predictRidge(fit, [1, 5]))).toBe(true);
  });
});
