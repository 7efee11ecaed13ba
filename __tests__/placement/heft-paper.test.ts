import { planWorkflow } from '../../sdk/index.js';
import { checkPlan, fixedComm, heftPaper } from './helpers.js';

describe('HEFT on the HEFT paper example (Topcuoglu et al. 2002, Fig. 2)', () => {
  it.each([[20], [23]])('gives makespan 80 with edge 3->7 = %i, as the paper reports', async (edge37) => {
    const problem = heftPaper(edge37);
    const plan = await planWorkflow(problem, { policy: 'heft' });
    expect(plan.makespanS).toBe(80);
    checkPlan(problem, plan, fixedComm);
    // The paper's schedule starts with n1 on P3 (9 s there) and ends with n10 on P2 at 80.
    const t = new Map(plan.tasks.map((x) => [x.task, x]));
    expect(t.get('1')).toMatchObject({ endpoint: 'P3', startS: 0, endS: 9 });
    expect(t.get('10')).toMatchObject({ endpoint: 'P2', endS: 80 });
  });

  it('optimal (MILP) proves a plan no longer than HEFT, valid, and reports its gap', async () => {
    const problem = heftPaper(23);
    const heft = await planWorkflow(problem, { policy: 'heft' });
    const best = await planWorkflow(problem, { policy: 'optimal', timeLimitS: 20 });
    checkPlan(problem, best, fixedComm);
    expect(best.optimality?.solver).toBe('highs');
    expect(best.optimality?.status).toBe('optimal');
    expect(best.optimality!.gap).toBeLessThan(1e-4);
    expect(best.makespanS).toBeLessThanOrEqual(heft.makespanS);
    // No schedule beats the longest chain of fastest run times (transfers free on one processor).
    expect(best.makespanS).toBeGreaterThanOrEqual(9 + 13 + 5 + 7);
  });

  it('round-robin and fastest-only do worse than HEFT here', async () => {
    const problem = heftPaper(23);
    const heft = await planWorkflow(problem, { policy: 'heft' });
    for (const policy of ['round-robin', 'fastest']) {
      const plan = await planWorkflow(problem, { policy });
      checkPlan(problem, plan, fixedComm);
      expect(plan.makespanS).toBeGreaterThan(heft.makespanS);
    }
  });
});
