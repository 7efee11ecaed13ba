import { join } from 'node:path';
import { Corral, loadEndpointsFile } from '../../sdk/index.js';
import { transferModelOf } from '../../sdk/runtime/index.js';
import { tempDir } from './helpers.js';
import { crossoverBytes, runCrossover, speedPredictor, twoSitesYaml } from './two-sites.js';

test('a real run moves a kept input to the 4x faster site below the model\'s crossover size and runs at the data above it (simulated endpoints)', async () => {
  const file = twoSitesYaml(10_000);
  const crossover = crossoverBytes(transferModelOf(loadEndpointsFile(file)));
  expect(crossover).toBeCloseTo(140_000, 6);
  const corral = await Corral.open({ endpoints: file, policy: 'delta', predictor: speedPredictor, journal: join(tempDir(), 'corral.db') });
  try {
    const below = await runCrossover(corral, Math.floor(crossover / 2 / 8));
    const above = await runCrossover(corral, Math.ceil((crossover * 2) / 8));
    // The kept references straddle the crossover: what placement priced is what was kept.
    expect(below.bytes).toBeLessThan(crossover);
    expect(above.bytes).toBeGreaterThan(crossover);
    expect(below.endpoint).toBe('siteB');
    expect(above.endpoint).toBe('siteA');
  } finally {
    await corral.close();
  }
}, 60_000);
