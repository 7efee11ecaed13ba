import { runCalibrationKernel, endpointFeatures, localHardware } from '../../sdk/profiling/index.js';

describe('calibration kernel', () => {
  it('reports iterations per second consistent with its own counts', () => {
    const r = runCalibrationKernel({ durationMs: 30 });
    expect(r.iterations).toBeGreaterThan(0);
    expect(r.seconds).toBeGreaterThanOrEqual(0.03);
    expect(r.iterationsPerSecond).toBeCloseTo(r.iterations / r.seconds, 6);
    expect(Number.isInteger(r.checksum)).toBe(true);
  });

  it('turns hardware into model features, the architecture as a category', () => {
    const f = endpointFeatures({ hardware: { ...localHardware(), calibration: 4.2e4 } });
    expect(f['ep.cores']).toBeGreaterThan(0);
    expect(f['ep.calibration']).toBe(4.2e4);
    expect(typeof f['ep.arch']).toBe('string');
    expect(endpointFeatures({ hardware: { cores: 2, calibration: Number.NaN } })['ep.calibration']).toBeUndefined();
  });
});
