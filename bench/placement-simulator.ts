import { fileURLToPath } from 'node:url';
import { readWorkflowFile } from '../sdk/placement/index.js';
import { loadSimulationEndpoints, simulate } from '../sdk/runtime/index.js';
import { eventLoopSimulate } from './baselines/event-loop-simulate.js';
import type { Benchmark } from './benchmark.js';
import { randomProblem } from './placement-scale.js';

const dir = fileURLToPath(new URL('../__tests__/fixtures/workflows/', import.meta.url));
const WORKFLOWS = ['Montage_25.xml', 'montage-chameleon-2mass-005d-001.json', '1000genome-chameleon-2ch-100k-001.json'];
const POLICIES = ['delta', 'heft'];

/** Best of `reps` wall-clock milliseconds of `fn`. */
async function bestMs(reps: number, fn: () => Promise<unknown>): Promise<number> {
  let best = Infinity;
  for (let k = 0; k < reps; k++) {
    const t0 = performance.now();
    await fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/**
 * How fast `corral simulate` is now that it drives the runtime's dispatcher on
 * a virtual clock, against the simulator's former event loop (kept in
 * bench/baselines), on the Montage DAX and WfInstances workflows under delta
 * (online) and heft (planned), plus a random 2,000-task DAG, same seed, same endpoints. Both sides plan the
 * same way for heft; the difference is the run itself.
 */
export const placementSimulator: Benchmark = {
  suite: 'placement',
  name: 'simulator',
  async run({ quick }) {
    const { endpoints, transfer } = loadSimulationEndpoints(`${dir}endpoints-continuum.yaml`);
    const reps = quick ? 1 : 5;
    const metrics: Record<string, number> = {};
    let corralMs = 0; let baselineMs = 0;
    const cases = (quick ? WORKFLOWS.slice(0, 1) : WORKFLOWS).map((file) => ({
      name: file.replace(/\.(json|xml)$/, '').replace(/-chameleon.*/, ''), problem: { graph: readWorkflowFile(`${dir}${file}`), endpoints, transfer },
    }));
    // A larger random layered DAG on 8 endpoints, to see how both scale.
    const n = quick ? 200 : 2000;
    cases.push({ name: `random${n}`, problem: randomProblem(n, 8) });
    for (const { name, problem } of cases) {
      for (const policy of POLICIES) {
        // The untimed first runs load and compile both sides' code.
        const [a, b] = [await simulate(problem, { policy, seed: 1 }), await eventLoopSimulate(problem, { policy, seed: 1 })];
        const ours = await bestMs(reps, () => simulate(problem, { policy, seed: 1 }));
        const theirs = await bestMs(reps, () => eventLoopSimulate(problem, { policy, seed: 1 }));
        metrics[`${name}.tasks`] = a.tasks;
        metrics[`${name}.${policy}.corralMs`] = +ours.toFixed(2);
        metrics[`${name}.${policy}.eventLoopMs`] = +theirs.toFixed(2);
        metrics[`${name}.${policy}.corralMakespanS`] = +a.makespanS.toFixed(2);
        metrics[`${name}.${policy}.eventLoopMakespanS`] = +b.makespanS.toFixed(2);
        corralMs += ours; baselineMs += theirs;
      }
    }
    return {
      metrics: { ...metrics, corralMs: +corralMs.toFixed(2), eventLoopMs: +baselineMs.toFixed(2) },
      ratio: corralMs / baselineMs,
      ratioMeaning: 'total simulation time, dispatcher on a virtual clock / former event loop (> 1 = the dispatcher is slower)',
    };
  },
};
