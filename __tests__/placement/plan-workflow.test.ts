import { BudgetInfeasibleError, CycleError, NoFeasibleEndpointError, planWorkflow, readWorkflowFile, TaskGraph, TransferModel } from '../../sdk/index.js';
import { type PlanEdge, type PlanEndpoint, type PlanningProblem, type PlanTask } from '../../sdk/placement/index.js';
import { checkPlan, fixtures } from './helpers.js';

const transfer = new TransferModel({ latencyS: 0.05, bytesPerS: 100e6 })
  .link('origin', 'aws', { latencyS: 0.1, bytesPerS: 50e6 })
  .link('origin', 'hpc', { latencyS: 0.05, bytesPerS: 200e6 });
const endpoints: PlanEndpoint[] = [
  { name: 'hpc-fast', workers: 4, speed: 2, transferGroup: 'hpc', coldStartS: 5, usdPerHour: 0.4, watts: 200 },
  { name: 'cloud', workers: 4, speed: 1.5, transferGroup: 'aws', coldStartS: 2, usdPerHour: 0.085, watts: 60 },
  { name: 'spot', workers: 8, speed: 1.5, transferGroup: 'aws', coldStartS: 2, usdPerHour: 0.035, watts: 60 },
  { name: 'laptop', workers: 2, speed: 1, transferGroup: 'origin', coldStartS: 0.5, usdPerHour: 0, watts: 30 },
];
const comm = (edge: PlanEdge, a: PlanEndpoint, b: PlanEndpoint) => (a.transferGroup === b.transferGroup ? 0 : transfer.seconds(edge.bytes, a.transferGroup, b.transferGroup));

describe('planWorkflow on real workflows (Pegasus DAX, WfFormat)', () => {
  const montage: PlanningProblem = { graph: readWorkflowFile(`${fixtures}Montage_25.xml`), endpoints, transfer };
  const epigenomics: PlanningProblem = { graph: readWorkflowFile(`${fixtures}epigenomics-chameleon-hep-1seq-100k-001.json`), endpoints, transfer };

  it.each([['Montage_25', montage], ['epigenomics', epigenomics]])('%s: heft and delta beat round-robin and fastest-only; every plan is valid', async (_name, problem) => {
    const span: Record<string, number> = {};
    for (const policy of ['heft', 'delta', 'round-robin', 'fastest', 'cheapest', 'tradeoff']) {
      const plan = await planWorkflow(problem, { policy });
      checkPlan(problem, plan, comm);
      span[policy] = plan.makespanS;
    }
    for (const good of ['heft', 'delta']) for (const base of ['round-robin', 'fastest']) expect(span[good]).toBeLessThan(span[base]!);
  });

  it('budget-heft traces a cost/makespan curve that never breaks its budget', async () => {
    const cheapest = await planWorkflow(montage, { policy: 'cheapest' });
    const heft = await planWorkflow(montage, { policy: 'heft' });
    let lastSpan = Infinity;
    for (const f of [0, 0.25, 0.5, 0.75, 1]) {
      const usd = cheapest.usd + f * (heft.usd - cheapest.usd);
      const plan = await planWorkflow(montage, { policy: 'budget-heft', budget: { usd } });
      checkPlan(montage, plan, comm);
      expect(plan.usd).toBeLessThanOrEqual(usd + 1e-12);
      if (f === 1) expect(plan.makespanS).toBeLessThanOrEqual(lastSpan);
      lastSpan = Math.min(lastSpan, plan.makespanS);
    }
    expect(lastSpan).toBeLessThan(cheapest.makespanS);
  });

  it('refuses a budget below every plan, showing the cheapest and fastest plans and their cost', async () => {
    const fastest = await planWorkflow(montage, { policy: 'heft' });
    const err = await planWorkflow(montage, { policy: 'heft', budget: { usd: 0, deadlineS: fastest.makespanS / 2 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BudgetInfeasibleError);
    const e = err as BudgetInfeasibleError;
    expect(e.code).toBe('CORRAL_BUDGET_INFEASIBLE');
    expect(e.fastest.makespanS).toBeCloseTo(fastest.makespanS, 6);
    expect(e.message).toMatch(/cheapest plan costs \$[\d.e-]+ and takes [\d.]+ s/);
    expect(e.message).toMatch(/the fastest takes [\d.]+ s and costs \$/);
  });

  it('a heft plan over budget is re-planned within it', async () => {
    const heft = await planWorkflow(montage, { policy: 'heft' });
    const plan = await planWorkflow(montage, { policy: 'heft', budget: { usd: heft.usd / 2 } });
    expect(plan.usd).toBeLessThanOrEqual(heft.usd / 2);
    expect(plan.notes.join(' ')).toMatch(/breaks the budget/);
  });
});

describe('planWorkflow on bad input fails fast, saying why', () => {
  const ep: PlanEndpoint[] = [{ name: 'cpu', workers: 1, speed: 1, transferGroup: 'a', memoryGiB: 8 }];
  it('names a cycle', async () => {
    const g = new TaskGraph<PlanTask, PlanEdge>().addNode('a', { id: 'a', baseSeconds: 1 }).addNode('b', { id: 'b', baseSeconds: 1 });
    g.addEdge('a', 'b', { bytes: 0 }).addEdge('b', 'a', { bytes: 0 });
    await expect(planWorkflow({ graph: g, endpoints: ep })).rejects.toThrow(CycleError);
  });
  it('names the task no endpoint can run, and why per endpoint', async () => {
    const g = new TaskGraph<PlanTask, PlanEdge>().addNode('train', { id: 'train', baseSeconds: 1, requires: { gpus: 1 } });
    const err = await planWorkflow({ graph: g, endpoints: ep }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NoFeasibleEndpointError);
    expect((err as Error).message).toBe('task "train" cannot run on any endpoint: cpu: needs 1 GPU(s), workers have 0');
  });
  it('honours an allow-list', async () => {
    const g = new TaskGraph<PlanTask, PlanEdge>().addNode('t', { id: 't', baseSeconds: 1, allow: ['gpu'] });
    await expect(planWorkflow({ graph: g, endpoints: ep })).rejects.toThrow(/not in the task's allow-list \[gpu\]/);
  });
});
