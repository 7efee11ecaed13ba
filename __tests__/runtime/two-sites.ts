import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Corral, EndpointDescription, Predictor } from '../../sdk/index.js';
import type { TransferModel } from '../../sdk/placement/index.js';
import { decodeValue } from '../../sdk/runtime/journal/index.js';
import { Crossover } from '../fixtures/tasks/crossover.js';
import { tempDir } from './helpers.js';

// Two simulated endpoints (real task code in this process, simulated timings): siteA in transfer
// group A (speed 1) and siteB in group B, 4x faster. `Crossover.make` runs at A and keeps its
// Float64Array there; placement decides where `Crossover.total` reads it.

/** Predicted seconds of every call at speed 1. */
export const WORK_S = 20;

/** An endpoints.yaml with siteA and siteB and an A <-> B link (1 s latency) of `bytesPerS`, priced at `usdPerGB` when given. */
export function twoSitesYaml(bytesPerS: number, usdPerGB?: number): string {
  const file = join(tempDir(), 'endpoints.yaml');
  writeFileSync(file, `transfer:
  default: { latencyS: 0.05, bytesPerS: 100000000 }
  links:
    - { from: A, to: B, latencyS: 1, bytesPerS: ${bytesPerS}${usdPerGB !== undefined ? `, usdPerGB: ${usdPerGB}` : ''} }
endpoints:
  siteA: { kind: simulated, workers: 1, speed: 1, transferGroup: A }
  siteB: { kind: simulated, workers: 1, speed: 4, transferGroup: B }
`);
  return file;
}

/** The predictions the tests reason with, given to the run: every call takes WORK_S at speed 1. */
export const speedPredictor: Predictor = {
  predict: (_task: string, _f: Readonly<Record<string, number>>, d: EndpointDescription) => ({ seconds: WORK_S / Number(d.labels?.speed ?? 1), stdev: 0, source: 'model' }),
  observe: () => undefined,
};

/** Bytes kept at A above which reading them at A beats moving them to B under delta: latency + bytes / bandwidth = run seconds saved. */
export function crossoverBytes(model: TransferModel): number {
  const link = model.between('A', 'B');
  return (WORK_S - WORK_S / 4 - link.latencyS) * link.bytesPerS;
}

/** Runs Crossover on `n` doubles: where `total` ran, what it cost, and the bytes of the reference it read. */
export async function runCrossover(corral: Corral, n: number): Promise<{ endpoint: string | null; usd: number | null; bytes: number }> {
  if (await corral.run(Crossover, 'run', n) !== n) throw new Error(`Crossover.run(${n}) returned a wrong total`);
  const [make, total] = corral.journal.calls(corral.lastRunId!);
  if (make?.task_id !== 'Crossover.make' || make.endpoint !== 'siteA' || total?.task_id !== 'Crossover.total') {
    throw new Error(`unexpected calls: ${JSON.stringify([make?.task_id, make?.endpoint, total?.task_id])}`);
  }
  return { endpoint: total.endpoint, usd: total.usd, bytes: (decodeValue(make.result) as { bytes: number }).bytes };
}
