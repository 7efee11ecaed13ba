import { join } from 'node:path';
import { Corral, LocalEndpoint, OnDemandCostModel, TaskFailedError, reportDataFromJournal, summarizeRun } from '../../sdk/index.js';
import { Failing } from '../fixtures/tasks/workflows.js';
import { tempDir } from './helpers.js';

describe('retries and failover', () => {
  let corral: Corral;
  beforeAll(async () => {
    corral = await Corral.open({
      endpoints: [
        new LocalEndpoint({ name: 'flaky', workers: 1, env: { CORRAL_TEST_MARKER: 'flaky' } }),
        new LocalEndpoint({ name: 'steady', workers: 1, env: { CORRAL_TEST_MARKER: 'steady' } }),
      ],
      journal: join(tempDir(), 'corral.db'),
      retryBackoffS: 0.01,
      // Every attempt on "flaky" is billed at least a minute at $3.60/h: $0.06.
      costModels: { flaky: new OnDemandCostModel({ usdPerHour: 3.6, minimumBilledS: 60 }) },
    });
  });
  afterAll(() => corral.close());

  test('a retryable error is retried on another endpoint (failover)', async () => {
    expect(await corral.run(Failing, 'failsOn', 'flaky', 'FlakyError')).toBe('ok');
    const attempts = corral.journal.attempts(corral.lastRunId!);
    expect(attempts.map((a) => [a.attempt, a.endpoint, a.state])).toEqual([[1, 'flaky', 'failed'], [2, 'steady', 'done']]);
    expect(JSON.parse(attempts[0]!.error!)).toMatchObject({ name: 'FlakyError' });
  });

  test('a failed attempt is billed, and the run report counts it against the endpoint where it ran', async () => {
    expect(await corral.run(Failing, 'failsOn', 'flaky', 'FlakyError')).toBe('ok');
    const runId = corral.lastRunId!;
    const [failed, done] = corral.journal.attempts(runId);
    expect(failed).toMatchObject({ endpoint: 'flaky', state: 'failed' });
    expect(failed!.usd).toBeCloseTo(0.06, 6);
    expect(done).toMatchObject({ endpoint: 'steady', state: 'done', usd: 0 });
    const summary = summarizeRun(reportDataFromJournal(corral.journal, runId));
    expect(summary.spent.usd).toBeCloseTo(0.06, 6);
    expect(summary.byEndpoint.find((e) => e.name === 'flaky')!.usd).toBeCloseTo(0.06, 6);
    expect(summary.byEndpoint.find((e) => e.name === 'steady')).toMatchObject({ calls: 1, usd: 0 });
  });

  test('an error not named in retryOn is not retried', async () => {
    const error = (await corral.run(Failing, 'failsOn', 'flaky', 'FatalError').catch((e: unknown) => e)) as TaskFailedError;
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(error).toMatchObject({ endpoint: 'flaky', attempt: 1, remoteName: 'FatalError' });
    expect(corral.journal.attempts(corral.lastRunId!)).toHaveLength(1);
  });

  test('events tell the story of a failover', async () => {
    const seen: string[] = [];
    const listener = (e: { type: string; endpoint?: string }) => seen.push(`${e.type}${e.endpoint ? `@${e.endpoint}` : ''}`);
    corral.events.on('event', listener);
    await corral.run(Failing, 'failsOn', 'flaky', 'FlakyError');
    corral.events.off('event', listener);
    expect(seen).toEqual([
      'run:started', 'task:submitted', 'task:placed@flaky', 'attempt:started@flaky', 'attempt:failed@flaky',
      'task:placed@steady', 'attempt:started@steady', 'task:done@steady', 'run:finished',
    ]);
  });
});
