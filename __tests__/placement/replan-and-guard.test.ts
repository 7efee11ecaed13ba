import { planWorkflow } from '../../sdk/index.js';
import { BudgetGuard, normalQuantile, replanRemaining } from '../../sdk/placement/index.js';
import { heftPaper } from './helpers.js';

describe('replanRemaining: re-placing the not-yet-started part', () => {
  it('moves the rest off an endpoint that went offline, after what already finished', async () => {
    const problem = heftPaper(23);
    const plan = await planWorkflow(problem, { policy: 'heft' });
    const t = new Map(plan.tasks.map((x) => [x.task, x]));
    const done = new Map([['1', { endpoint: t.get('1')!.endpoint, endS: t.get('1')!.endS }]]);
    const running = new Map([['3', { endpoint: 'P1', expectedEndS: 30 }], ['4', { endpoint: 'P2', expectedEndS: 25 }]]);
    const rest = replanRemaining(problem, { now: 12, done, running, offline: ['P3'] });
    expect(rest.tasks.map((x) => x.task).sort()).toEqual(['10', '2', '5', '6', '7', '8', '9']);
    for (const x of rest.tasks) {
      expect(x.endpoint).not.toBe('P3');
      expect(x.startS).toBeGreaterThanOrEqual(12);
    }
    // Task 7 needs 3's output: not before 3 ends at 30, plus the 23 s transfer if it runs elsewhere than P1.
    const seven = rest.tasks.find((x) => x.task === '7')!;
    expect(seven.startS).toBeGreaterThanOrEqual(seven.endpoint === 'P1' ? 30 : 53);
    // P2 is busy with 4 until 25: nothing else starts there earlier.
    for (const x of rest.tasks.filter((x) => x.endpoint === 'P2')) expect(x.startS).toBeGreaterThanOrEqual(25);
  });

  it('re-places a running task lost with its endpoint, and says so', () => {
    const rest = replanRemaining(heftPaper(23), { now: 5, done: new Map(), running: new Map([['1', { endpoint: 'P3', expectedEndS: 9 }]]), offline: ['P3'] });
    expect(rest.tasks.map((x) => x.task)).toContain('1');
    expect(rest.notes.join(' ')).toMatch(/re-placed 1: their endpoint went offline/);
  });

  it('refuses when every endpoint is offline', () => {
    expect(() => replanRemaining(heftPaper(23), { now: 0, done: new Map(), offline: ['P1', 'P2', 'P3'] })).toThrow(/every endpoint is offline/);
  });
});

describe('BudgetGuard', () => {
  const guard = new BudgetGuard({ usd: 2, onExceed: 'degrade', confidence: 0.9 });
  // Estimates as pricing gives them: a mean and upper quantiles (p95 is read at 90% confidence).
  const priced = (name: string, usd: number, p95 = usd) => ({ name, cost: { usd, seconds: 60, joules: 100, quantiles: { p95: { usd: p95, seconds: 80, joules: 120 } } } });

  it('uses the normal quantile of its confidence for the rest of the workflow', () => {
    expect(normalQuantile(0.9)).toBeCloseTo(1.28155, 4);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 6);
    const rest = { mean: 0.5, stdev: 0.2 };
    // 0.5 spent + 0.3 at p95 + 0.5 + 1.28155 * 0.2 = 1.556: fits; with 0.5 more spent it does not.
    expect(guard.check({ task: 't', spent: { usd: 0.5 }, restUsd: rest }, [priced('a', 0.2, 0.3)]).action).toBe('allow');
    expect(guard.check({ task: 't', spent: { usd: 0.95 }, restUsd: rest }, [priced('a', 0.2, 0.3)]).action).toBe('stop');
  });

  it('allows every candidate whose projected total fits', () => {
    const v = guard.check({ task: 'classify#1', spent: { usd: 0.5 }, committed: { usd: 0.2 } }, [priced('a', 0.2, 0.4), priced('b', 0.05)]);
    expect(v.action).toBe('allow');
    expect(v.allowed.map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('degrades to the candidates that keep the budget at its confidence, naming the task and the others', () => {
    const v = guard.check({ task: 'classify#17', spent: { usd: 1.2 }, committed: { usd: 0.3 } }, [priced('dear', 0.3, 0.6), priced('cheap', 0.05, 0.1)]);
    expect(v.action).toBe('degrade');
    expect(v.allowed.map((c) => c.name)).toEqual(['cheap']);
    expect(v.breach).toEqual({ resource: 'usd', limit: 2, projected: expect.closeTo(2.1, 9) });
    expect(v.reason).toBe('task classify#17: dear would break the workflow budget at 90% (projected $2.1 > $2); moving to cheap');
  });

  it('stops with onExceed fail, and never starts a task that would knowingly spend past the budget', () => {
    const fail = new BudgetGuard({ usd: 2, onExceed: 'fail' });
    expect(fail.check({ task: 't', spent: { usd: 1.5 } }, [priced('a', 0.6), priced('b', 0.1)]).action).toBe('stop');
    const v = guard.check({ task: 'train#3', spent: { usd: 1.95 }, committed: { usd: 0.04 } }, [priced('a', 0.3), priced('b', 0.02)]);
    expect(v.action).toBe('stop');
    expect(v.allowed).toEqual([]);
    expect(v.reason).toMatch(/^task train#3: no endpoint keeps the workflow budget at 90% \(cheapest: b, projected \$2\.01 > \$2\)/);
  });

  it('keeps joules and deadlines, and a per-call budget counts the call alone', () => {
    const energy = new BudgetGuard({ joules: 150, deadlineS: 100 });
    expect(energy.check({ task: 't', spent: { joules: 20 } }, [priced('a', 0)]).action).toBe('allow');
    expect(energy.check({ task: 't', spent: { joules: 40 } }, [priced('a', 0)]).breach).toMatchObject({ resource: 'joules', limit: 150, projected: 160 });
    expect(energy.check({ task: 't', elapsedS: 30 }, [priced('a', 0)]).breach).toMatchObject({ resource: 'deadlineS', projected: 110 });
    expect(energy.check({ task: 't', elapsedS: 101 }, [priced('a', 0)]).reason).toBe('task t: the workflow is past its deadline of 100 s');
    expect(energy.check({ task: 't', scope: 'call', spent: { joules: 1e6 }, elapsedS: 1e6 }, [priced('a', 0)]).action).toBe('allow');
  });

  it('rejects a confidence outside [0.5, 1) and a negative limit', () => {
    expect(() => new BudgetGuard({ usd: 1, confidence: 1 })).toThrow(/budget.confidence/);
    expect(() => new BudgetGuard({ usd: -1 })).toThrow(/budget.usd: must be a number >= 0/);
  });
});
