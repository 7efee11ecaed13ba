import type { RunReportData } from '../../sdk/report/index.js';
import { makespanSeconds, summarizeRun } from '../../sdk/report/summarize.js';
import { pipelineRun } from './sample-run.js';

const call = (callId: string, endpoint: string, predicted: number, actual: number) => ({
  callId, taskId: 'T.work', endpoint, state: 'done' as const,
  attempts: [{ attempt: 1, endpoint, outcome: 'succeeded' as const, startedAt: 0, endedAt: actual * 1000 }],
  predicted: { seconds: predicted, usd: predicted / 100, joules: predicted * 10 },
  actual: { seconds: actual, usd: actual / 100, joules: actual * 10 },
  retries: 0, failovers: 0, preemptions: 0,
});

describe('summarize', () => {
  it('adds measured cost per endpoint and per task, and counts every call once', () => {
    const data = pipelineRun();
    const s = summarizeRun(data);
    expect(s.calls).toBe(data.calls.length);
    expect(s.byEndpoint.reduce((n, e) => n + e.calls, 0)).toBe(data.calls.length);
    expect(s.byTask.reduce((n, t) => n + t.calls, 0)).toBe(data.calls.length);
    const spot = data.calls.filter((c) => c.endpoint === 'spot-east');
    const spotTotals = s.byEndpoint.find((e) => e.name === 'spot-east')!;
    expect(spotTotals.usd).toBeCloseTo(spot.reduce((n, c) => n + (c.actual?.usd ?? 0), 0), 12);
    expect(s.spent.usd).toBeCloseTo(s.byEndpoint.reduce((n, e) => n + e.usd, 0), 12);
    expect(s.failed).toBe(1);
    expect(s.done).toBe(data.calls.length - 1);
  });

  it('lists every known endpoint, even one that ran nothing', () => {
    const s = summarizeRun(pipelineRun());
    expect(s.byEndpoint.find((e) => e.name === 'hpc-idle')).toMatchObject({ calls: 0, usd: 0 });
  });

  it('reports the median absolute percentage error of predictions', () => {
    // errors: |2-1|/1 = 100 %, |1-1|/1 = 0 %, |3-2|/2 = 50 % -> median 50 %
    const data: RunReportData = {
      run: { id: 'r', workflow: 'w', startedAt: 0, endedAt: 5000, outcome: 'succeeded' },
      endpoints: [{ name: 'a', kind: 'local' }], edges: [],
      calls: [call('x', 'a', 2, 1), call('y', 'a', 1, 1), call('z', 'a', 3, 2)],
    };
    expect(summarizeRun(data).secondsErrorPct).toBeCloseTo(50, 9);
    expect(summarizeRun(data).usdErrorPct).toBeCloseTo(50, 9);
    expect(summarizeRun({ ...data, calls: [] }).secondsErrorPct).toBeUndefined();
  });

  it('measures the makespan to the last attempt while the run is still going', () => {
    const data: RunReportData = {
      run: { id: 'r', workflow: 'w', startedAt: 1000, outcome: 'running' },
      endpoints: [], edges: [], calls: [call('x', 'a', 1, 4)],
    };
    expect(makespanSeconds(data)).toBeCloseTo(3, 9);
    expect(makespanSeconds({ ...data, run: { ...data.run, endedAt: 11000 } })).toBeCloseTo(10, 9);
  });
});
