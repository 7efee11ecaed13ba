import { Journal } from '../../sdk/runtime/journal/index.js';

test('one group commit keeps apart the calls of two runs with the same call ids, and two attempts of one call', () => {
  const journal = Journal.open(':memory:');
  for (const runId of ['r1', 'r2']) {
    journal.insertCall(runId, { callId: 'c1', seq: 1, taskId: `${runId}.task`, dependsOn: [], at: 1 });
    journal.recordAttempt(runId, { callId: 'c1', attempt: 1, endpoint: 'a', at: 2 });
  }
  // In the same turn: r1's first attempt fails and its second starts elsewhere; r2's only attempt ends.
  journal.finishAttempt('r1', { callId: 'c1', attempt: 1, state: 'failed', endedAt: 3, usd: 0.5, joules: 1, error: { name: 'Boom', message: 'no', failure: 'task' } });
  journal.recordAttempt('r1', { callId: 'c1', attempt: 2, endpoint: 'b', at: 4 });
  journal.finishAttempt('r2', { callId: 'c1', attempt: 1, state: 'done', endedAt: 5, usd: 0.25, joules: 2 });
  journal.flush();
  expect(journal.attempts('r1').map((a) => [a.attempt, a.endpoint, a.state, a.usd])).toEqual([[1, 'a', 'failed', 0.5], [2, 'b', 'running', null]]);
  expect(journal.attempts('r2').map((a) => [a.attempt, a.endpoint, a.state, a.usd])).toEqual([[1, 'a', 'done', 0.25]]);
  expect(journal.calls('r1').map((c) => [c.task_id, c.state, c.attempts])).toEqual([['r1.task', 'running', 2]]);
  expect(journal.calls('r2').map((c) => [c.task_id, c.state, c.attempts])).toEqual([['r2.task', 'running', 1]]);
  journal.close();
});
