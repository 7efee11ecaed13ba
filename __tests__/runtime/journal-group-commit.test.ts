// The journal's group commit on a real file: a light run commits at the next
// turn of the event loop; a busy one lets its commit wait for more writes, up
// to a cap. The deferral is set far longer than any test runs, so what is
// asserted never depends on how fast the machine is.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Journal } from '../../sdk/runtime/journal/index.js';
import { tempDir } from './helpers.js';

const RUN = 'r-group-commit';
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function openJournal(maxWrites = 500) {
  const path = join(tempDir(), 'corral.db');
  const journal = Journal.open(path, { groupCommit: { busyWrites: 64, deferMs: 600_000, maxWrites } });
  journal.insertRun({ id: RUN, workflow: 'T.w', module: null, exportName: null, method: null, startedAt: 1 });
  journal.flush();
  // A second connection sees only what has committed.
  const reader = new Database(path, { readonly: true });
  const committedCalls = () => (reader.prepare('SELECT COUNT(*) AS n FROM calls').get() as { n: number }).n;
  return { journal, reader, committedCalls };
}

let seq = 0;
function queueCalls(journal: Journal, count: number): void {
  for (let i = 0; i < count; i++, seq++) journal.insertCall(RUN, { callId: `c${seq}`, seq, taskId: 'T.noop', dependsOn: [], at: seq });
}

/** Registers a waiter; `commits()` counts the distinct group commits that released waiters (one commit calls its waiters together). */
function commitCounter(journal: Journal) {
  let commits = 0;
  let inCommit = false;
  const released: number[] = [];
  return {
    wait(tag: number) {
      journal.afterCommit((error) => {
        if (error) throw error;
        if (!inCommit) { inCommit = true; commits++; queueMicrotask(() => { inCommit = false; }); }
        released.push(tag);
      });
    },
    commits: () => commits,
    released,
  };
}

test('a light run (one call at a time) commits each call at the next turn of the event loop', async () => {
  const { journal, reader, committedCalls } = openJournal();
  const counter = commitCounter(journal);
  for (let i = 0; i < 20; i++) {
    queueCalls(journal, 1);
    counter.wait(i);
    await nextTurn();
    expect(counter.released).toEqual(Array.from({ length: i + 1 }, (_, k) => k));
    expect(committedCalls()).toBe(i + 1);
  }
  expect(counter.commits()).toBe(20);
  reader.close();
  journal.close();
});

test('a busy run gathers the writes of several turns in one commit, committing once the batch reaches its cap', async () => {
  const { journal, reader, committedCalls } = openJournal(500);
  const counter = commitCounter(journal);
  // The first commit goes at once: nothing says the run is busy yet.
  queueCalls(journal, 100);
  counter.wait(0);
  await nextTurn();
  expect(counter.released).toEqual([0]);
  expect(committedCalls()).toBe(100);
  // It carried 100 row writes (>= 64): the next commit waits, across turns, until 500 writes have gathered.
  for (let round = 1; round <= 4; round++) {
    queueCalls(journal, 100);
    counter.wait(round);
    await nextTurn();
    expect(counter.released).toEqual([0]);
    expect(committedCalls()).toBe(100);
  }
  queueCalls(journal, 100);
  counter.wait(5);
  await nextTurn();
  expect(counter.released).toEqual([0, 1, 2, 3, 4, 5]);
  expect(committedCalls()).toBe(600);
  expect(counter.commits()).toBe(2);
  reader.close();
  journal.close();
});

test('a waiting commit runs at once when the journal is read or closed, and a light commit after it goes at the next turn again', async () => {
  const { journal, reader, committedCalls } = openJournal(10_000);
  const counter = commitCounter(journal);
  queueCalls(journal, 100);
  await nextTurn();
  queueCalls(journal, 10);
  counter.wait(1);
  await nextTurn();
  expect(counter.released).toEqual([]);
  // A read sees committed state: it commits what waits.
  expect(journal.calls(RUN)).toHaveLength(110);
  expect(counter.released).toEqual([1]);
  expect(committedCalls()).toBe(110);
  // That commit was light (10 writes): the next one does not wait.
  queueCalls(journal, 1);
  counter.wait(2);
  await nextTurn();
  expect(counter.released).toEqual([1, 2]);
  // Closing commits a waiting batch too.
  queueCalls(journal, 100);
  await nextTurn();
  queueCalls(journal, 5);
  await nextTurn();
  expect(committedCalls()).toBe(211);
  journal.close();
  expect(committedCalls()).toBe(216);
  reader.close();
});

test('commits append to the WAL for 8,000 pages before one copies it back into the file (SQLite alone would every 1,000)', () => {
  const { journal, reader } = openJournal();
  reader.close();
  // 3,000 pages of cached results, over 30 commits: with SQLite's default the WAL would have restarted after a checkpoint.
  const page = Buffer.alloc(4096, 7);
  for (let commit = 0; commit < 30; commit++) {
    for (let i = 0; i < 100; i++) journal.cachePut('T.big', `h${commit}-${i}`, page, 1);
    journal.flush();
  }
  const [wal] = journal.db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number; checkpointed: number }>;
  expect(wal!.log).toBeGreaterThan(3000);
  journal.close();
});
