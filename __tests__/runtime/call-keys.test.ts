// Replay keys number the calls of a run that share a task and arguments.
// Only calls in flight are counted in memory; finished ones are counted in the
// journal (a real SQLite file here), so the count survives their leaving memory.
import { join } from 'node:path';
import { Journal } from '../../sdk/runtime/journal/index.js';
import { CallKeys, callKey } from '../../sdk/runtime/call-keys.js';
import { tempDir } from './helpers.js';

function journalWithRun(): { journal: Journal; runId: string } {
  const journal = Journal.open(join(tempDir(), 'corral.db'));
  journal.insertRun({ id: 'r1', workflow: 'W.run', module: null, exportName: null, method: null, startedAt: Date.now() });
  return { journal, runId: 'r1' };
}

/** A run's call as the runtime journals it: inserted, then keyed when it is ready. */
function journalCall(journal: Journal, runId: string, seq: number, callKey: string): void {
  journal.insertCall(runId, { callId: `c${seq}`, seq, taskId: 'T.f', dependsOn: [], at: Date.now() });
  journal.setCallState(runId, `c${seq}`, 'ready', callKey);
}

test('calls with the same task and arguments are numbered in order, in flight or finished and gone from memory', () => {
  const { journal, runId } = journalWithRun();
  const asked: string[] = [];
  const keys = new CallKeys((prefix) => {
    asked.push(prefix);
    return journal.lastOccurrence(runId, prefix, 1);
  });
  const n1 = keys.acquire('T.f', 'hashA');
  const n2 = keys.acquire('T.f', 'hashA');
  expect([callKey('T.f', 'hashA', n1), callKey('T.f', 'hashA', n2)]).toEqual(['T.f:hashA:1', 'T.f:hashA:2']);
  expect(keys.acquire('T.g', 'hashA')).toBe(1);
  journalCall(journal, runId, 1, callKey('T.f', 'hashA', n1));
  journalCall(journal, runId, 2, callKey('T.f', 'hashA', n2));
  journal.flush();
  // Both finished and committed: nothing of them stays in memory (T.g's call is still in flight).
  keys.release('T.f', 'hashA', n2);
  keys.release('T.f', 'hashA', n1);
  expect(keys.size).toBe(1);
  // The third call with those arguments is counted from the journal.
  expect(keys.acquire('T.f', 'hashA')).toBe(3);
  expect(asked).toEqual(['T.f:hashA:']);
  // Other arguments were never seen: no journal read.
  expect(keys.acquire('T.f', 'hashB')).toBe(1);
  expect(asked).toEqual(['T.f:hashA:']);
  journal.close();
});

test('an older occurrence ending first keeps the newest in memory until it ends too', () => {
  const { journal, runId } = journalWithRun();
  const keys = new CallKeys((prefix) => journal.lastOccurrence(runId, prefix, 1));
  const n1 = keys.acquire('T.f', 'h');
  const n2 = keys.acquire('T.f', 'h');
  journalCall(journal, runId, 1, callKey('T.f', 'h', n1));
  journal.flush();
  keys.release('T.f', 'h', n1);
  // The second call's row is not committed: the count comes from memory.
  expect(keys.acquire('T.f', 'h')).toBe(3);
  expect(n2).toBe(2);
  journal.close();
});

test('a resumed execution numbers its calls afresh: keys of the execution before it are not counted', () => {
  const { journal, runId } = journalWithRun();
  journalCall(journal, runId, 1, 'T.f:h:1');
  journalCall(journal, runId, 2, 'T.f:h:2');
  journal.flush();
  // A prefix of another key (another task whose id extends this one) is not counted either.
  journalCall(journal, runId, 3, 'T.f:hx:1');
  journal.flush();
  const resumed = new CallKeys((prefix) => journal.lastOccurrence(runId, prefix, 4));
  // The filter has never seen the pair in this execution: the same keys as the first time, for replay.
  expect(resumed.acquire('T.f', 'h')).toBe(1);
  expect(journal.lastOccurrence(runId, 'T.f:h:', 1)).toBe(2);
  expect(journal.lastOccurrence(runId, 'T.f:h:', 3)).toBe(0);
  journal.close();
});

test('many distinct calls leave no entry in memory once they end, and each is numbered 1', () => {
  const { journal, runId } = journalWithRun();
  const keys = new CallKeys((prefix) => journal.lastOccurrence(runId, prefix, 1));
  for (let i = 1; i <= 5_000; i++) {
    const n = keys.acquire('T.f', `h${i}`);
    expect(n).toBe(1);
    journalCall(journal, runId, i, callKey('T.f', `h${i}`, n));
    if (i % 500 === 0) journal.flush();
    if (i > 10) keys.release('T.f', `h${i - 10}`, 1);
    // At most the calls in flight (10 here) are held.
    expect(keys.size).toBeLessThanOrEqual(11);
  }
  journal.close();
});
