import { TaskGraph } from '../../sdk/graph/index.js';
import { compile, deltaTransferModel, makespanLowerBoundS, readWorkflowFile, TransferModel, type PlanEdge, type PlanTask, type SimEndpoint } from '../../sdk/placement/index.js';
import { simulate } from '../../sdk/runtime/index.js';
import { DATA_SITES } from '../../bench/data-placement.js';
import { fixtures } from './helpers.js';

const WORKFLOWS = [
  'montage-chameleon-2mass-005d-001.json', 'epigenomics-chameleon-hep-1seq-100k-001.json', '1000genome-chameleon-2ch-100k-001.json',
  'Montage_25.xml', 'CyberShake_30.xml', 'Epigenomics_24.xml', 'Inspiral_30.xml', 'Sipht_30.xml',
];

describe('the makespan lower bound', () => {
  it('counts the few workers where pinned data lives: 8 tasks whose 1 GB inputs sit at a 1-worker site', () => {
    // Each 10 s task reaches the 8 far workers only after 12 s + 1 GB at 20 MB/s = 62 s. Below 72 s all 8 must
    // run on the one near worker (80 s), so no plan beats 72 s: 7 near and 1 far gives exactly that.
    const g = new TaskGraph<PlanTask, PlanEdge>();
    for (let k = 0; k < 8; k++) g.addNode(`t${k}`, { id: `t${k}`, baseSeconds: 10, inputBytes: 1e9, dataLocation: 'A' });
    const endpoints: SimEndpoint[] = [{ name: 'near', workers: 1, speed: 1, transferGroup: 'A' }, { name: 'far', workers: 8, speed: 1, transferGroup: 'B' }];
    const transfer = new TransferModel().link('A', 'B', { latencyS: 12, bytesPerS: 20e6 });
    expect(makespanLowerBoundS(compile({ graph: g, endpoints, transfer }))).toBeCloseTo(72, 6);
  });

  it('follows the path with its transfers when capacity is no limit', () => {
    // a (input at A) -> b: at A 40 + 40 s; b alone at B would wait 40 s + 12 s + 1 s of its 20 MB.
    const g = new TaskGraph<PlanTask, PlanEdge>()
      .addNode('a', { id: 'a', baseSeconds: 40, inputBytes: 1e10, dataLocation: 'A' }).addNode('b', { id: 'b', baseSeconds: 40 }).addEdge('a', 'b', { bytes: 2e7 });
    const endpoints: SimEndpoint[] = [{ name: 'near', workers: 4, speed: 1, transferGroup: 'A' }, { name: 'far', workers: 4, speed: 4, transferGroup: 'B' }];
    const transfer = new TransferModel().link('A', 'B', { latencyS: 12, bytesPerS: 20e6 });
    expect(makespanLowerBoundS(compile({ graph: g, endpoints, transfer }))).toBeCloseTo(40 + 13 + 10, 6);
  });

  it('is never above what any policy achieves on the WfInstances and Pegasus workflows over DELTA-linked sites', async () => {
    const transfer = deltaTransferModel();
    for (const file of WORKFLOWS) {
      const problem = { graph: readWorkflowFile(`${fixtures}${file}`, 'uchicago_fast'), endpoints: DATA_SITES, transfer };
      const bound = makespanLowerBoundS(compile(problem));
      expect(bound).toBeGreaterThan(0);
      for (const policy of ['heft', 'delta', 'round-robin', 'fastest']) {
        for (const dataBlind of [false, true]) {
          const r = await simulate(problem, { policy, seed: 1, dataBlind });
          expect([file, policy, dataBlind, r.makespanS >= bound - 1e-6]).toEqual([file, policy, dataBlind, true]);
        }
      }
    }
  });
});
