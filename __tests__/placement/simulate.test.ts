import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BudgetInfeasibleError, loadSimulationEndpoints, PlanningInputError, readWorkflowFile, simulate, summarizeRun, type RunReportData,
} from '../../sdk/index.js';
import { corral, fixtures } from './helpers.js';

const { endpoints, transfer } = loadSimulationEndpoints(`${fixtures}endpoints-continuum.yaml`);
const montage = { graph: readWorkflowFile(`${fixtures}Montage_25.xml`), endpoints, transfer };

describe('simulate (discrete-event, simulated endpoints)', () => {
  it('is deterministic with a seed; preemptions depend on it', async () => {
    const spotty = { ...montage, endpoints: endpoints.map((e) => ({ ...e, preemptionPerHour: 60, noiseCv: 0.3 })) };
    const a = await simulate(spotty, { policy: 'delta', seed: 7 });
    const b = await simulate(spotty, { policy: 'delta', seed: 7 });
    const c = await simulate(spotty, { policy: 'delta', seed: 8 });
    expect(b).toEqual(a);
    expect(a.preemptions).toBeGreaterThan(0);
    expect(c.makespanS).not.toBe(a.makespanS);
  });

  it('runs every task once, parents before children, and adds up cost', async () => {
    const r = await simulate(montage, { policy: 'heft', seed: 1 });
    expect(r.simulated).toBe(true);
    expect(r.tasks).toBe(25);
    expect(new Set(r.placements.map((p) => p.task)).size).toBe(25);
    const at = new Map(r.placements.map((p) => [p.task, p]));
    for (const { from, to } of montage.graph.edges()) expect(at.get(to)!.startS).toBeGreaterThanOrEqual(at.get(from)!.endS);
    expect(r.makespanS).toBe(Math.max(...r.placements.map((p) => p.endS)));
    expect(r.plannedMakespanS).toBeDefined();
    expect(r.costUsd).toBeGreaterThan(0);
  });

  it('keeps a budget with an online policy by degrading to cheaper endpoints', async () => {
    const free = await simulate(montage, { policy: 'fastest', seed: 1 });
    const budget = free.costUsd / 3;
    const kept = await simulate(montage, { policy: 'fastest', seed: 1, budget: { usd: budget } });
    expect(kept.budgetUsd).toBe(budget);
    expect(kept.costUsd).toBeLessThanOrEqual(budget);
    expect(kept.placements).toHaveLength(25);
  });

  it('refuses a budget no plan meets before running anything', async () => {
    await expect(simulate(montage, { policy: 'delta', budget: { usd: 0, deadlineS: 1 } })).rejects.toThrow(BudgetInfeasibleError);
  });

  it('drops endpoints drawn offline, and fails fast when all are', async () => {
    const flaky = { ...montage, endpoints: endpoints.map((e) => (e.name === 'hpc-fast' ? { ...e, availability: 0 } : e)) };
    const r = await simulate(flaky, { policy: 'heft', seed: 3 });
    expect(r.offline).toEqual(['hpc-fast']);
    expect(r.placements.some((p) => p.endpoint === 'hpc-fast')).toBe(false);
    const dead = { ...montage, endpoints: endpoints.map((e) => ({ ...e, availability: 0 })) };
    await expect(simulate(dead, { policy: 'heft' })).rejects.toThrow(PlanningInputError);
  });
});

/** Runs the corral CLI in this process, capturing what it prints. */
describe('corral simulate and corral plan (CLI)', () => {
  it('simulate --json prints exactly one JSON object with the documented fields', async () => {
    const { stdout } = await corral('simulate', `${fixtures}epigenomics-chameleon-hep-1seq-100k-001.json`, '--endpoints', `${fixtures}endpoints-continuum.yaml`, '--policy', 'budget-heft', '--budget', '0.01', '--seed', '4', '--json');
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const out = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['tasks', 'policy', 'makespanS', 'costUsd', 'joules', 'budgetUsd', 'placements']));
    expect(out).toMatchObject({ tasks: 41, policy: 'budget-heft', budgetUsd: 0.01 });
    expect((out.costUsd as number)).toBeLessThanOrEqual(0.01);
    const p = (out.placements as Array<Record<string, unknown>>)[0]!;
    expect(Object.keys(p)).toEqual(expect.arrayContaining(['task', 'endpoint', 'startS', 'endS']));
  });

  it('plan prints the predicted table, and refuses a deadline no plan meets with the cheapest and fastest plans', async () => {
    const args = ['plan', `${fixtures}Montage_25.xml`, '--endpoints', `${fixtures}endpoints-continuum.yaml`, '--policy', 'heft'];
    const ok = await corral(...args);
    expect(ok.stdout).toMatch(/task.*endpoint.*start s.*seconds.*USD.*joules/);
    expect(ok.stdout).toMatch(/plan \(heft\): makespan [\d.]+ s/);
    const refused = await corral(...args, '--deadline', '1');
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(/no plan meets the budget \(1 s\): the cheapest plan costs \$[\d.e-]+ and takes [\d.]+ s .*the fastest takes [\d.]+ s and costs \$/);
  });

  it('simulate --gantt writes a Gantt chart titled as a simulation, one row per endpoint used', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'corral-gantt-')), 'gantt.svg');
    const r = await corral('simulate', `${fixtures}Montage_25.xml`, '--endpoints', `${fixtures}endpoints-continuum.yaml`, '--policy', 'heft', '--gantt', file);
    expect(r.exitCode).toBe(0);
    const svg = readFileSync(file, 'utf8');
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('SIMULATED: 25 tasks, policy heft');
    for (const ep of new Set((await simulate(montage, { policy: 'heft', seed: 1 })).placements.map((p) => p.endpoint))) expect(svg).toContain(ep);
  });

  it('simulate --report writes the run report of the simulated run: Gantt, spend per endpoint, expected against simulated', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'corral-sim-report-')), 'simulation.html');
    const r = await corral('simulate', `${fixtures}Montage_25.xml`, '--endpoints', `${fixtures}endpoints-continuum.yaml`, '--policy', 'delta', '--report', file, '--json');
    expect(r.exitCode).toBe(0);
    const result = JSON.parse(r.stdout) as { costUsd: number; makespanS: number; placements: Array<{ endpoint: string }> };
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('SIMULATED Montage_25.xml');
    expect(html).toMatch(/id="chart-gantt"[\s\S]*?<svg/);
    const data = JSON.parse(/<script type="application\/json" id="corral-run-data">([\s\S]*?)<\/script>/.exec(html)![1]!) as RunReportData;
    expect(data.calls).toHaveLength(25);
    expect(data.edges.length).toBeGreaterThan(0);
    const summary = summarizeRun(data);
    expect(summary.spent.usd).toBeCloseTo(result.costUsd, 9);
    expect(summary.makespanS).toBeCloseTo(result.makespanS, 2);
    for (const ep of new Set(result.placements.map((p) => p.endpoint))) expect(summary.byEndpoint.find((e) => e.name === ep)!.calls).toBeGreaterThan(0);
  });

  it('names the endpoints.yaml line and field at fault', async () => {
    const r = await corral('simulate', `${fixtures}Montage_25.xml`, '--endpoints', `${fixtures}Montage_25.xml`);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/Montage_25\.xml:\d+:\d+: /);
  });
});
