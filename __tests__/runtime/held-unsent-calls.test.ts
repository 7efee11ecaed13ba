import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Journal } from '../../sdk/runtime/journal/index.js';
import { tempDir } from './helpers.js';

// What another process (`corral show`) sees: committed rows only, through a connection of its own.
function committedCalls(path: string): Array<{ call_id: string; state: string }> {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT call_id, state FROM calls ORDER BY seq').all() as Array<{ call_id: string; state: string }>;
  } finally {
    db.close();
  }
}

const committed = (journal: Journal) => new Promise<void>((resolve, reject) => journal.afterCommit((e) => (e ? reject(e) : resolve())));

test('a group commit holds back a new call until it is sent, then writes it once, with its attempt', async () => {
  const path = join(tempDir(), 'corral.db');
  const journal = Journal.open(path, { groupCommit: { holdUnsentMs: 60_000 } });
  const now = Date.now();
  journal.insertCall('r1', { callId: 'c1', seq: 1, taskId: 'W.task', dependsOn: [], at: now });
  journal.insertCall('r1', { callId: 'c2', seq: 2, taskId: 'W.task', dependsOn: ['c1'], at: now });
  journal.readyCall('r1', 'c1', 'W.task:h:1', now);
  journal.placeCall('r1', 'c1', { endpoint: 'laptop', attempt: 1, predicted: { seconds: 1, usd: 0, joules: 0 } });
  await committed(journal);
  expect(committedCalls(path)).toEqual([]);

  journal.recordAttempt('r1', { callId: 'c1', attempt: 1, endpoint: 'laptop', at: now + 1 });
  await committed(journal);
  // c1 went to an endpoint: written with its key and placement; c2 still waits for its input.
  expect(committedCalls(path)).toEqual([{ call_id: 'c1', state: 'running' }]);

  journal.finishAttempt('r1', { callId: 'c1', attempt: 1, state: 'done', endedAt: now + 2, usd: 0, joules: 0 });
  journal.finishCall('r1', { callId: 'c1', state: 'done', at: now + 2, runSeconds: 1, usd: 0, joules: 0, result: Buffer.from('1') });
  journal.setCallState('r1', 'c2', 'cancelled');
  await committed(journal);
  expect(committedCalls(path)).toEqual([{ call_id: 'c1', state: 'done' }, { call_id: 'c2', state: 'cancelled' }]);
  expect(journal.calls('r1').map((c) => [c.call_id, c.call_key, c.endpoint, c.attempts])).toEqual([['c1', 'W.task:h:1', 'laptop', 1], ['c2', null, null, 0]]);
  journal.close();
});

test('a held call is written once it has waited holdUnsentMs, with no other write to carry it', async () => {
  const path = join(tempDir(), 'corral.db');
  // Long enough that a loaded machine does not reach it before the first commit, short enough to wait for.
  const journal = Journal.open(path, { groupCommit: { holdUnsentMs: 2000 } });
  journal.insertCall('r1', { callId: 'c1', seq: 1, taskId: 'W.task', dependsOn: [], at: Date.now() });
  // Submitted long ago, or stamped ahead of the clock: due at the first commit.
  journal.insertCall('r1', { callId: 'c0', seq: 0, taskId: 'W.task', dependsOn: [], at: Date.now() - 10_000 });
  journal.insertCall('r1', { callId: 'c2', seq: 2, taskId: 'W.task', dependsOn: [], at: Date.now() + 3_600_000 });
  await committed(journal);
  expect(committedCalls(path).map((c) => c.call_id)).toEqual(['c0', 'c2']);
  const deadline = Date.now() + 30_000;
  while (committedCalls(path).length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(committedCalls(path)).toEqual([{ call_id: 'c0', state: 'waiting' }, { call_id: 'c1', state: 'waiting' }, { call_id: 'c2', state: 'waiting' }]);
  journal.close();
});

test('a read, flush or close writes held calls: nothing queued is lost', () => {
  const path = join(tempDir(), 'corral.db');
  const journal = Journal.open(path, { groupCommit: { holdUnsentMs: 60_000 } });
  journal.insertCall('r1', { callId: 'c1', seq: 1, taskId: 'W.task', dependsOn: [], at: Date.now() });
  expect(journal.calls('r1').map((c) => c.state)).toEqual(['waiting']);
  journal.insertCall('r1', { callId: 'c2', seq: 2, taskId: 'W.task', dependsOn: [], at: Date.now() });
  journal.close();
  expect(committedCalls(path).map((c) => c.call_id)).toEqual(['c1', 'c2']);
});
