import { fileURLToPath } from 'node:url';
import { readWorkflowFile } from '../sdk/placement/index.js';
import { simulate } from '../sdk/runtime/index.js';
import { loadSimulationEndpoints } from '../sdk/runtime/index.js';
import type { Benchmark } from './benchmark.js';

const dir = fileURLToPath(new URL('../__tests__/fixtures/workflows/', import.meta.url));
const WORKFLOWS = [
  'montage-chameleon-2mass-005d-001.json', 'epigenomics-chameleon-hep-1seq-100k-001.json', '1000genome-chameleon-2ch-100k-001.json',
  'Montage_25.xml', 'CyberShake_30.xml', 'Epigenomics_24.xml', 'Inspiral_30.xml', 'Sipht_30.xml',
];

/**
 * The WfInstances (real executions) and Pegasus DAX workflows on a
 * heterogeneous continuum (fast and dear HPC, on-demand cloud, preemptible
 * spot, the local device holding the data), simulated with the same seed:
 * heft and delta against round-robin and fastest-only.
 */
export const placementWorkflows: Benchmark = {
  suite: 'placement',
  name: 'workflows',
  async run({ quick }) {
    const { endpoints, transfer } = loadSimulationEndpoints(`${dir}endpoints-continuum.yaml`);
    const metrics: Record<string, number> = {};
    let worst = 0;
    let beaten = 0;
    const list = quick ? WORKFLOWS.slice(0, 2) : WORKFLOWS;
    for (const file of list) {
      const graph = readWorkflowFile(`${dir}${file}`);
      const span: Record<string, number> = {};
      for (const policy of ['heft', 'delta', 'round-robin', 'fastest']) span[policy] = (await simulate({ graph, endpoints, transfer }, { policy, seed: 1 })).makespanS;
      const name = file.replace(/\.(json|xml)$/, '').replace(/-chameleon.*/, '');
      for (const [p, s] of Object.entries(span)) metrics[`${name}.${p}S`] = +s.toFixed(2);
      const best = Math.min(span['round-robin']!, span.fastest!);
      for (const p of ['heft', 'delta']) {
        worst = Math.max(worst, span[p]! / best);
        if (span[p]! < best) beaten++;
      }
    }
    return {
      metrics: { ...metrics, workflows: list.length, wins: beaten, of: list.length * 2 },
      ratio: worst,
      ratioMeaning: 'worst over workflows of (heft or delta makespan) / (better of round-robin and fastest-only) (< 1 = corral better everywhere)',
      target: 'heft and delta beat round-robin and fastest-only on makespan on every workflow',
      met: beaten === list.length * 2,
    };
  },
};
