// `import 'corral'` (and so a run on local endpoints given as objects) does not
// load the packages only some runs need: their modules stay out of the heap.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { tempDir } from '../runtime/helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('importing corral loads neither yaml, seedrandom nor csv-parse; they load when a file is parsed or a number drawn', async () => {
  const log = join(tempDir(), 'loaded.log');
  const script = `
    const corral = await import('./sdk/index.ts');
    const { createRequire } = await import('node:module');
    const cache = createRequire(import.meta.url).cache;
    const cjs = () => Object.keys(cache).filter((f) => /node_modules\\/(yaml|seedrandom|csv-parse)\\//.test(f)).length;
    const atImport = cjs();
    const sim = new corral.SimulatedEndpoint({ name: 'sim', seed: 3 });
    await sim.close();
    console.log(JSON.stringify({ atImport, afterUse: cjs() }));`;
  const run = await execa('node', ['--import', 'tsx', '--import', './__tests__/fixtures/scripts/record-loads.mjs', '--input-type=module', '-e', script], { cwd: root, env: { LOADED_LOG: log } });
  const loaded = readFileSync(log, 'utf8').split('\n').filter((url) => /node_modules\/(yaml|seedrandom|csv-parse)\//.test(url));
  expect(loaded).toEqual([]);
  const { atImport, afterUse } = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { atImport: number; afterUse: number };
  expect(atImport).toBe(0);
  // A simulated endpoint draws seeded numbers: seedrandom is loaded then.
  expect(afterUse).toBeGreaterThan(0);
}, 60_000);
