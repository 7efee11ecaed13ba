import { parse as parseCsv } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import seedrandom from 'seedrandom';
import { parse as parseYaml } from 'yaml';
import { TaskGraph } from '../sdk/graph/index.js';
import { simulate } from '../sdk/runtime/index.js';
import { TransferModel, type PlanEdge, type PlanTask, type SimEndpoint } from '../sdk/placement/index.js';
import type { Benchmark } from './benchmark.js';

const dir = fileURLToPath(new URL('../__tests__/fixtures/placement/', import.meta.url));

/** Workers per endpoint group: assumed from the machines' kinds (the testbed does not record them). */
const WORKERS: Record<string, number> = { raspberry_pi: 4, fast_desktop_cpu: 4, avg_desktop_cpu: 4, slow_desktop_cpu: 4, aws_ec2: 2, chameleon_cpu: 8, chameleon_gpu: 8 };

/** The funcX evaluation's real functions (median seconds of single-task trials) and the package each imports. */
const FUNCTIONS: Array<{ file: string; tag: string; pkg: string }> = [
  { file: 'data__crystallography-data.csv', tag: 'noop', pkg: 'multiprocessing' },
  { file: 'data__crystallography-data.csv', tag: 'bash_dials_1', pkg: 'numpy' },
  { file: 'data__crystallography-data.csv', tag: 'bash_dials_5', pkg: 'numpy' },
  { file: 'data__mnist-data.csv', tag: 'run_mnist_predict_1', pkg: 'tensorflow' },
  { file: 'data__xtract-data.csv', tag: 'run_20k_file_1', pkg: 'pandas' },
  { file: 'data__xpcs-data.csv', tag: 'bash_corr_1', pkg: 'numpy' },
];

/**
 * The DELTA testbed (Kumar et al. 2021), simulated: its 11 endpoints and
 * transfer groups, measured import times as cold starts, the measured
 * transfer model (intercept + seconds per byte), endpoint speed from the
 * import times relative to the average desktop, and a mixed bag of the funcX
 * evaluation's real functions submitted from the UChicago fast group.
 */
export function deltaTestbed(tasks: number, seed = 'delta') {
  const imports = (JSON.parse(readFileSync(`${dir}delta/import_model.json`, 'utf8')) as { import_times: Record<string, Record<string, number>> }).import_times;
  const weights = (JSON.parse(readFileSync(`${dir}delta/transfer_model.json`, 'utf8')) as { weights: Record<string, Record<string, number[][]>> }).weights;
  const eps = parseYaml(readFileSync(`${dir}delta/endpoints.yaml`, 'utf8')) as Record<string, { group: string; transfer_group?: string; name: string }>;
  const pkgs = Object.keys(imports);
  const speedOf = (g: string) => Math.exp(pkgs.reduce((s, p) => s + Math.log(imports[p]!.avg_desktop_cpu! / imports[p]![g]!), 0) / pkgs.length);
  const endpoints: SimEndpoint[] = Object.values(eps).map((e) => ({
    name: e.name, workers: WORKERS[e.group] ?? 4, speed: speedOf(e.group), transferGroup: e.transfer_group ?? e.group, coldStartS: 0,
  }));
  const links: Array<{ latencyS: number; bytesPerS: number }> = [];
  const transfer = new TransferModel();
  for (const [from, tos] of Object.entries(weights)) for (const [to, w] of Object.entries(tos)) {
    const link = { latencyS: Math.max(0, w[0]![0]!), bytesPerS: 1 / Math.max(1e-12, w[1]![0]!) };
    links.push(link);
    transfer.link(from, to, link);
  }
  // Groups the model never measured (the Raspberry Pis' network) get the median measured link.
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const fallback = { latencyS: median(links.map((l) => l.latencyS)), bytesPerS: median(links.map((l) => l.bytesPerS)) };
  const model = new TransferModel(fallback);
  for (const [from, tos] of Object.entries(weights)) for (const to of Object.keys(tos)) model.link(from, to, transfer.between(from, to));
  const fns = FUNCTIONS.map((f) => {
    const rows = parseCsv(readFileSync(`${dir}funcx-eval/${f.file}`, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    const secs = rows.filter((r) => r.tag === f.tag && r.tasks_per_trial === '1').map((r) => Number(r.returned) - Number(r.start_submit));
    return { ...f, seconds: median(secs) };
  });
  const rng = seedrandom(seed);
  const g = new TaskGraph<PlanTask, PlanEdge>();
  for (let k = 0; k < tasks; k++) {
    const f = fns[Math.floor(rng() * fns.length)]!;
    g.addNode(`${f.tag}#${k}`, {
      id: `${f.tag}#${k}`, type: f.tag, baseSeconds: f.seconds, inputBytes: 1e6, dataLocation: 'uchicago_fast',
      coldStartS: Object.fromEntries(Object.values(eps).map((e) => [e.name, imports[f.pkg]![e.group]!])),
    });
  }
  return { graph: g, endpoints, transfer: model };
}

/** DELTA's claim, simulated on its own testbed: delta <= 0.5x fastest-endpoint-only and <= 0.2x round-robin. */
export const placementDelta: Benchmark = {
  suite: 'placement',
  name: 'delta-testbed',
  async run({ quick }) {
    const problem = deltaTestbed(quick ? 60 : 240);
    const span: Record<string, number> = {};
    for (const policy of ['delta', 'fastest', 'round-robin', 'heft']) span[policy] = (await simulate(problem, { policy, seed: 1 })).makespanS;
    const vsFastest = span.delta! / span.fastest!;
    const vsRoundRobin = span.delta! / span['round-robin']!;
    return {
      metrics: { tasks: problem.graph.size, endpoints: problem.endpoints.length, deltaS: span.delta!, fastestOnlyS: span.fastest!, roundRobinS: span['round-robin']!, heftS: span.heft!, deltaVsFastest: vsFastest, deltaVsRoundRobin: vsRoundRobin },
      ratio: vsFastest,
      ratioMeaning: 'delta makespan / fastest-endpoint-only makespan (< 1 = delta better)',
      target: 'delta <= 0.5x fastest-only and <= 0.2x round-robin',
      met: vsFastest <= 0.5 && vsRoundRobin <= 0.2,
    };
  },
};
