import { BudgetGuard, normalQuantile, planWorkflow, replanRemaining } from '../../sdk/index.js';
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

  it('uses the normal quantile of its confidence', () => {
    expect(normalQuantile(0.9)).toBeCloseTo(1.28155, 4);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 6);
  });

  it('allows a task whose projected total fits', () => {
    const v = guard.check({ task: 'classify#1', spentUsd: 0.5, taskUsd: { mean: 0.2, stdev: 0.05 }, cheapestTaskUsd: { mean: 0.05 }, restUsd: { mean: 0.8, stdev: 0.1 } });
    expect(v.action).toBe('allow');
    expect(v.projectedUsd).toBeCloseTo(0.5 + 0.2 + 0.8 + 1.28155 * Math.hypot(0.05, 0.1), 4);
  });

  it('degrades when only cheaper endpoints fit at the confidence, naming the task', () => {
    const v = guard.check({ task: 'classify#17', spentUsd: 1.2, taskUsd: { mean: 0.3, stdev: 0.1 }, cheapestTaskUsd: { mean: 0.05 }, restUsd: { mean: 0.6, stdev: 0.2 }, cheapestRestUsd: { mean: 0.2, stdev: 0.05 } });
    expect(v.action).toBe('degrade');
    expect(v.reason).toMatch(/^task classify#17: projected \$2\.3\d* at 90% breaks the budget of \$2; moving to cheaper endpoints/);
  });

  it('stops with onExceed fail, and never starts a task that would knowingly spend past the budget', () => {
    const fail = new BudgetGuard({ usd: 2, onExceed: 'fail' });
    expect(fail.check({ task: 't', spentUsd: 1.5, taskUsd: { mean: 0.6 }, cheapestTaskUsd: { mean: 0.1 } }).action).toBe('stop');
    const v = guard.check({ task: 'train#3', spentUsd: 1.95, committedUsd: 0.04, taskUsd: { mean: 0.3 }, cheapestTaskUsd: { mean: 0.02 } });
    expect(v.action).toBe('stop');
    expect(v.reason).toMatch(/^task train#3: starting it would spend past the budget/);
  });

  it('rejects a confidence outside [0.5, 1)', () => {
    expect(() => new BudgetGuard({ usd: 1, confidence: 1 })).toThrow(/budget.confidence/);
  });
});
