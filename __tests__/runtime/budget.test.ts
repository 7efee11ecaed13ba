import { join } from 'node:path';
import { BudgetExceededError, Corral, FreeCostModel, LocalEndpoint, OnDemandCostModel, type PlacementContext } from '../../sdk/index.js';
import { Priced } from '../fixtures/tasks/workflows.js';
import { tempDir } from './helpers.js';

// "dear" bills at least one second at $36/h: $0.01 a call. The policy always prefers it.
const preferDear = { name: 'prefer-dear', place: (ctx: PlacementContext) => ({ endpoint: (ctx.candidates.find((c) => c.name === 'dear') ?? ctx.candidates[0]!).name }) };

// The worker loads the task's code once (a cold start, billed too: cold-start-billing.test.ts); the budgeted runs start warm, so each call costs exactly its minimum.
async function session(): Promise<Corral> {
  const corral = await Corral.open({
    endpoints: [new LocalEndpoint({ name: 'dear', workers: 1 }), new LocalEndpoint({ name: 'cheap', workers: 1 })],
    costModels: { dear: new OnDemandCostModel({ usdPerHour: 36, minimumBilledS: 1 }), cheap: new FreeCostModel() },
    policy: preferDear, journal: join(tempDir(), 'corral.db'),
  });
  await corral.run(Priced, 'warm');
  return corral;
}

test('a workflow budget with onExceed "degrade" moves calls to a cheaper endpoint and never spends past it', async () => {
  const corral = await session();
  try {
    expect(await corral.run(Priced, 'degrade', 10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const calls = corral.journal.calls(corral.lastRunId!);
    expect(calls.map((c) => c.endpoint)).toEqual([...Array(5).fill('dear'), ...Array(5).fill('cheap')]);
    const spent = calls.reduce((s, c) => s + (c.usd ?? 0), 0);
    expect(spent).toBeCloseTo(0.05, 9);
  } finally {
    await corral.close();
  }
}, 60_000);

test('a workflow budget with onExceed "fail" stops before the call that would break it; finished calls stay in the journal', async () => {
  const corral = await session();
  try {
    const error = (await corral.run(Priced, 'strict', 10).catch((e: unknown) => e)) as BudgetExceededError;
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect(error).toMatchObject({ taskId: 'Priced.work', resource: 'usd', limit: 0.05 });
    expect(error.projected).toBeCloseTo(0.06, 9);
    expect(error.message).toBe('task Priced.work not started: dear would break the workflow budget at 90% (projected $0.06 > $0.05) and onExceed is "fail" (budget usd 0.05, projected 0.06)');
    const calls = corral.journal.calls(corral.lastRunId!);
    expect(calls.filter((c) => c.state === 'done')).toHaveLength(5);
    expect(calls.at(-1)).toMatchObject({ state: 'failed' });
    expect(corral.journal.getRun(corral.lastRunId!)).toMatchObject({ status: 'failed' });
  } finally {
    await corral.close();
  }
}, 60_000);
