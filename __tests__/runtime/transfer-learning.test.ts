import { join } from 'node:path';
import { Corral, loadEndpointsFile } from '../../sdk/index.js';
import { transferModelOf } from '../../sdk/runtime/index.js';
import { recordDataMove } from '../../sdk/runtime/journal/index.js';
import { tempDir } from './helpers.js';
import { crossoverBytes, runCrossover, speedPredictor, twoSitesYaml } from './two-sites.js';

// Measured A -> B moves, written to the journal as the data plane writes a timed move: they show a
// link 10x slower than endpoints.yaml says (1 s + bytes / 10 kB/s).
const slowMoves = [1e4, 5e4, 1e5, 2e5, 4e5, 8e5].map((bytes) => ({ from: 'A', to: 'B', bytes, seconds: 1 + bytes / 1e4 }));

test('placement learns the A -> B link from measured moves in the journal, as they are recorded and when a session opens (simulated endpoints)', async () => {
  const file = twoSitesYaml(100_000);
  const prior = crossoverBytes(transferModelOf(loadEndpointsFile(file)));
  const learnt = crossoverBytes(transferModelOf(loadEndpointsFile(file)).observeAll(slowMoves));
  expect(learnt).toBeLessThan(prior / 4);
  // An input between the two crossovers: worth moving by endpoints.yaml, not by what was measured.
  const n = Math.round(Math.sqrt(prior * learnt) / 8);
  const journal = join(tempDir(), 'corral.db');
  const open = () => Corral.open({ endpoints: file, policy: 'delta', predictor: speedPredictor, journal });
  const first = await open();
  try {
    const before = await runCrossover(first, n);
    expect(before.bytes).toBeGreaterThan(learnt);
    expect(before.bytes).toBeLessThan(prior);
    expect(before.endpoint).toBe('siteB');
    for (const m of slowMoves) recordDataMove(first.journal, first.lastRunId!, { ...m, viaClient: false });
    // A move without measured seconds teaches nothing.
    recordDataMove(first.journal, first.lastRunId!, { from: 'A', to: 'B', bytes: 1, seconds: null, viaClient: false });
    expect((await runCrossover(first, n)).endpoint).toBe('siteA');
  } finally {
    await first.close();
  }
  const second = await open();
  try {
    expect((await runCrossover(second, n)).endpoint).toBe('siteA');
  } finally {
    await second.close();
  }
  // The same journal under endpoints.yaml's link alone would still move the data: the learning made the difference.
  const fresh = await Corral.open({ endpoints: file, policy: 'delta', predictor: speedPredictor, journal: join(tempDir(), 'corral.db') });
  try {
    expect((await runCrossover(fresh, n)).endpoint).toBe('siteB');
  } finally {
    await fresh.close();
  }
}, 60_000);

test('a real run prices the egress of moving a kept input into the candidate and bills it once, in the call that moved it (simulated endpoints)', async () => {
  // Compute is free on both endpoints (energy at 0 W): any dollar is the A -> B link's egress, $2 per GB.
  const file = twoSitesYaml(1e9, 2);
  const seen: Array<{ name: string; transferUsd: number; usd: number }> = [];
  const corral = await Corral.open({
    endpoints: file, predictor: speedPredictor, journal: join(tempDir(), 'corral.db'),
    policy: { name: 'watch-delta', place: (ctx) => {
      if (ctx.task.taskId === 'Crossover.total') seen.push(...ctx.candidates.map((c) => ({ name: c.name, transferUsd: c.transferUsd ?? 0, usd: c.cost.usd })));
      return { endpoint: ctx.candidates.find((c) => c.name === 'siteB')?.name ?? ctx.candidates[0]!.name };
    } },
  });
  try {
    const run = await runCrossover(corral, 50_000);
    const egress = (run.bytes / 1e9) * 2;
    expect(run.endpoint).toBe('siteB');
    expect(seen.find((c) => c.name === 'siteA')).toEqual({ name: 'siteA', transferUsd: 0, usd: 0 });
    expect(seen.find((c) => c.name === 'siteB')!.transferUsd).toBeCloseTo(egress, 12);
    expect(seen.find((c) => c.name === 'siteB')!.usd).toBeCloseTo(egress, 12);
    expect(run.usd).toBeCloseTo(egress, 12);
  } finally {
    await corral.close();
  }
}, 60_000);
