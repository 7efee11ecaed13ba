import { TransferTimeModel, ColdStartModel, loadDeltaTransfers, loadDeltaImports, transferHoldout, coldStartHoldout, ProfilingError } from '../../sdk/profiling/index.js';
import { jsonFixture } from './fixtures.js';

const transfers = loadDeltaTransfers(jsonFixture('delta-transfer-model.json'));
const imports = loadDeltaImports(jsonFixture('delta-import-model.json'));

describe('transfer model (DELTA testbed)', () => {
  it('predicts held-out transfer sizes within 20% on average', () => {
    const h = transferHoldout(transfers);
    expect(h.cases).toBe(264);
    expect(h.meanApePct).toBeLessThan(20);
    expect(h.shareWithin20Pct).toBeGreaterThan(75);
  });

  it('fits a latency near the small-transfer times and a finite bandwidth', () => {
    const model = TransferTimeModel.fit(transfers);
    const link = model.link('aws_slow', 'uchicago_fast')!;
    expect(link.latencyS).toBeGreaterThan(10);
    expect(link.latencyS).toBeLessThan(16);
    expect(link.bytesPerS).toBeGreaterThan(1e6);
    expect(model.predict('aws_slow', 'uchicago_fast', 2 ** 30)).toBeGreaterThan(model.predict('aws_slow', 'chameleon', 2 ** 30));
    expect(model.predict('nowhere', 'elsewhere', 1e9)).toBe(0);
  });

  it('rejects a non-positive time naming the pair', () => {
    expect(() => TransferTimeModel.fit([{ from: 'a', to: 'b', bytes: 10, seconds: 0 }])).toThrow(/a -> b/);
    expect(() => loadDeltaTransfers({})).toThrow(ProfilingError);
  });
});

describe('cold start model (DELTA import times)', () => {
  it('predicts each held-out (endpoint, package) import from the others', () => {
    const h = coldStartHoldout(imports);
    expect(h.cases).toBe(28);
    // A package's median import time across endpoints is the baseline this must beat.
    const baseline = imports.map((held) => {
      const others = imports.filter((s) => s.package === held.package && s !== held).map((s) => s.seconds).sort((a, b) => a - b);
      const m = others[Math.floor(others.length / 2)];
      return Math.abs(m - held.seconds) / held.seconds * 100;
    });
    expect(h.meanApePct).toBeLessThan(baseline.reduce((a, b) => a + b, 0) / baseline.length);
  });

  it('sums a package set and uses measurements where they exist', () => {
    const model = ColdStartModel.fit(imports);
    expect(model.predict('raspberry_pi', ['tensorflow'])).toBeCloseTo(13.7796311378479, 6);
    const both = model.predict('raspberry_pi', ['tensorflow', 'numpy']);
    expect(both).toBeCloseTo(13.7796311378479 + 0.47284460067749023, 6);
    expect(model.predict('new_box', ['tensorflow'])).toBeGreaterThan(model.predict('new_box', ['numpy']));
  });
});
