// Finished calls live in the journal, not in the orchestrator's memory: a run of
// many calls, each with its own arguments, holds no more live heap after its
// later calls than after its first ones (real runtime, journal on disk, local workers).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { tempDir } from './helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const script = join(root, '__tests__/fixtures/scripts/finished-calls-heap-run.ts');

test('30,000 more finished calls leave less than 40 bytes each in the live heap', async () => {
  const more = 30_000;
  const run = await execa('node', ['--expose-gc', '--import', 'tsx', script, join(tempDir(), 'corral.db'), '5000', String(more), '500'], { cwd: root });
  const { afterWarm, afterMore } = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { afterWarm: number; afterMore: number };
  // Before replay keys were counted in the journal, each finished call kept its arguments' hash in memory: about 100 bytes.
  // What is left is code and caches V8 keeps growing for a while (a few hundred KB at most, not per call).
  expect((afterMore - afterWarm) / more).toBeLessThan(40);
}, 180_000);
