import { fileURLToPath } from 'node:url';
import { deltaTransferModel, readWorkflowFile, type SimEndpoint } from '../sdk/placement/index.js';
import { simulate } from '../sdk/runtime/index.js';
import type { Benchmark } from './benchmark.js';

const dir = fileURLToPath(new URL('../__tests__/fixtures/workflows/', import.meta.url));

/** Real executions (WfInstances) first, then the classic synthetic Pegasus DAX. */
const WORKFLOWS = [
  'montage-chameleon-2mass-005d-001.json', 'epigenomics-chameleon-hep-1seq-100k-001.json', '1000genome-chameleon-2ch-100k-001.json',
  'Montage_25.xml', 'CyberShake_30.xml', 'Epigenomics_24.xml', 'Inspiral_30.xml', 'Sipht_30.xml',
];

/**
 * Five sites named after DELTA's transfer groups, linked by the transfer
 * model seeded from DELTA's measured transfers; the workflow's inputs start
 * at the lab (uchicago_fast). Workers and speeds are assumptions: a small lab
 * machine, a campus cluster, two clouds and an HPC centre, faster as they
 * are farther away, so that moving the compute or the data is a real choice.
 */
export const DATA_SITES: SimEndpoint[] = [
  { name: 'lab', workers: 4, speed: 1, transferGroup: 'uchicago_fast' },
  { name: 'campus', workers: 8, speed: 1.2, transferGroup: 'uchicago_slow' },
  { name: 'chameleon', workers: 16, speed: 2, transferGroup: 'chameleon' },
  { name: 'aws', workers: 8, speed: 1.5, transferGroup: 'aws_slow' },
  { name: 'midway', workers: 32, speed: 2.5, transferGroup: 'midway' },
];

/**
 * Data-aware placement against its ablation: each workflow simulated with
 * heft and delta as they are and with `dataBlind` (placed as if data moved
 * for free, transfers still charged), same seed. A workflow is data-heavy
 * when moving all its data (edges and inputs) over DELTA's median link takes
 * longer than its compute at speed 1.
 */
export const dataPlacement: Benchmark = {
  suite: 'placement',
  name: 'data-placement',
  async run({ quick }) {
    const transfer = deltaTransferModel();
    const median = transfer.fallback.bytesPerS;
    const metrics: Record<string, number | string> = {};
    let worstHeavy = 0; let worstAny = 0; let heavy = 0;
    const list = quick ? WORKFLOWS.slice(2, 3).concat(WORKFLOWS.slice(4, 5)) : WORKFLOWS;
    for (const file of list) {
      const graph = readWorkflowFile(`${dir}${file}`, 'uchicago_fast');
      let bytes = 0; let runS = 0;
      for (const e of graph.edges()) bytes += e.data.bytes;
      for (const id of graph.ids()) { const t = graph.node(id); bytes += t.inputBytes ?? 0; runS += t.baseSeconds ?? 0; }
      const isHeavy = bytes / median > runS;
      if (isHeavy) heavy++;
      const name = file.replace(/\.(json|xml)$/, '').replace(/-chameleon.*/, '');
      metrics[`${name}.dataHeavy`] = isHeavy ? 'yes' : 'no';
      for (const policy of ['heft', 'delta']) {
        const aware = (await simulate({ graph, endpoints: DATA_SITES, transfer }, { policy, seed: 1 })).makespanS;
        const blind = (await simulate({ graph, endpoints: DATA_SITES, transfer }, { policy, seed: 1, dataBlind: true })).makespanS;
        const ratio = aware / blind;
        metrics[`${name}.${policy}AwareS`] = +aware.toFixed(1);
        metrics[`${name}.${policy}BlindS`] = +blind.toFixed(1);
        metrics[`${name}.${policy}Ratio`] = +ratio.toFixed(3);
        worstAny = Math.max(worstAny, ratio);
        if (isHeavy) worstHeavy = Math.max(worstHeavy, ratio);
      }
    }
    return {
      metrics: { ...metrics, workflows: list.length, dataHeavy: heavy, worstDataHeavyRatio: +worstHeavy.toFixed(3), worstRatio: +worstAny.toFixed(3) },
      ratio: worstHeavy,
      ratioMeaning: 'worst over data-heavy workflows and heft/delta of data-aware makespan / data-blind makespan (< 1 = data-aware better)',
      target: 'data-aware heft and delta <= 0.8x data-blind on the data-heavy workflows, never worse (<= 1) on any',
      met: worstHeavy <= 0.8 && worstAny <= 1 + 1e-9,
    };
  },
};
