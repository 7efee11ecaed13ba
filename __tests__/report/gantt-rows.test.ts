import { ganttRows } from '../../sdk/report/charts/index.js';
import type { RunReportData } from '../../sdk/report/index.js';
import { pipelineRun } from './sample-run.js';

describe('ganttRows', () => {
  it('never draws two overlapping attempts of one endpoint in the same lane', () => {
    const rows = ganttRows(pipelineRun(12));
    for (const a of rows) {
      for (const b of rows) {
        if (a === b || a.endpoint !== b.endpoint || a.lane !== b.lane) continue;
        const overlap = a.queuedS < b.endS && b.queuedS < a.endS;
        expect(overlap).toBe(false);
      }
    }
  });

  it('marks a retry on the same endpoint and a failover to another, and colours preemptions', () => {
    const rows = ganttRows(pipelineRun());
    const retried = rows.filter((r) => r.callId === 't2');
    expect(retried.map((r) => [r.attempt, r.status, r.marker])).toEqual([[1, 'failed', undefined], [2, 'succeeded', 'retry']]);
    const moved = rows.filter((r) => r.callId === 'c1');
    expect(moved.map((r) => [r.endpoint, r.status, r.marker])).toEqual([['spot-east', 'preempted', undefined], ['dask-lab', 'succeeded', 'failover']]);
  });

  it('extends a running attempt to the latest time seen and skips attempts that never started', () => {
    const data: RunReportData = {
      run: { id: 'r', workflow: 'w', startedAt: 0, outcome: 'running' },
      endpoints: [], edges: [],
      calls: [
        { callId: 'a', taskId: 't', endpoint: 'e', state: 'done', attempts: [{ attempt: 1, endpoint: 'e', outcome: 'succeeded', startedAt: 0, endedAt: 9000 }], retries: 0, failovers: 0, preemptions: 0 },
        { callId: 'b', taskId: 't', endpoint: 'e', state: 'running', attempts: [{ attempt: 1, endpoint: 'e', outcome: 'running', queuedAt: 1000, startedAt: 2000 }], retries: 0, failovers: 0, preemptions: 0 },
        { callId: 'c', taskId: 't', state: 'waiting', attempts: [], retries: 0, failovers: 0, preemptions: 0 },
      ],
    };
    const rows = ganttRows(data);
    expect(rows.map((r) => r.callId).sort()).toEqual(['a', 'b']);
    const running = rows.find((r) => r.callId === 'b')!;
    expect([running.queuedS, running.startS, running.endS, running.lane]).toEqual([1, 2, 9, 1]);
  });
});
