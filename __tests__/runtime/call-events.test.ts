import Database from 'better-sqlite3';
import { Journal } from '../../sdk/index.js';
import { mergeByTime } from '../../sdk/runtime/journal/call-events.js';
import { journalWithDiamondRun } from './helpers.js';

describe("a call's task:ready and task:done live in its calls row", () => {
  test('a real run lists one task:ready and one task:done per call, with the data the event rows carried, and writes no event row for them', async () => {
    const { path, runId } = await journalWithDiamondRun();
    const journal = Journal.openReadOnly(path);
    const calls = journal.calls(runId);
    expect(calls).toHaveLength(4);
    const events = journal.events(runId);
    for (const c of calls) {
      const ready = events.filter((e) => e.call_id === c.call_id && e.type === 'task:ready');
      const done = events.filter((e) => e.call_id === c.call_id && e.type === 'task:done');
      expect(ready).toEqual([{ id: 0, run_id: runId, call_id: c.call_id, at: c.ready_at, type: 'task:ready', data: null }]);
      expect(c.ready_at).toBeGreaterThanOrEqual(c.submitted_at);
      expect(done).toHaveLength(1);
      expect(done[0]!.at).toBe(c.ended_at);
      expect(JSON.parse(done[0]!.data!)).toEqual({ endpoint: 'local', attempt: 1, runSeconds: c.run_seconds, usd: c.usd, joules: c.joules });
      // A call is ready before it is done, in the listing too.
      expect(events.indexOf(ready[0]!)).toBeLessThan(events.indexOf(done[0]!));
    }
    // The listing is in time order.
    expect(events.map((e) => e.at)).toEqual(events.map((e) => e.at).sort((a, b) => a - b));
    journal.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare("SELECT COUNT(*) AS n FROM events WHERE type IN ('task:ready', 'task:done')").get()).toEqual({ n: 0 });
    db.close();
  });

  test('a journal of an older corral, whose events rows hold task:ready and task:done, lists each of them once', async () => {
    const { path, runId } = await journalWithDiamondRun();
    // What an older corral wrote: no ready_at column, an event row per state change.
    const old = new Database(path);
    const rows = old.prepare('SELECT call_id, ready_at, ended_at FROM calls WHERE run_id = ? ORDER BY seq').all(runId) as Array<{ call_id: string; ready_at: number; ended_at: number }>;
    const insert = old.prepare('INSERT INTO events (run_id, call_id, at, type, data) VALUES (?, ?, ?, ?, ?)');
    for (const r of rows) insert.run(runId, r.call_id, r.ready_at, 'task:ready', null);
    for (const r of rows) insert.run(runId, r.call_id, r.ended_at, 'task:done', '{"endpoint":"local","attempt":1}');
    old.exec('ALTER TABLE calls DROP COLUMN ready_at; PRAGMA user_version = 4;');
    old.close();
    const readOnly = Journal.openReadOnly(path);
    const types = readOnly.events(runId).map((e) => e.type);
    expect(types.filter((t) => t === 'task:ready')).toHaveLength(4);
    expect(types.filter((t) => t === 'task:done')).toHaveLength(4);
    readOnly.close();
    // Migrated: the old calls have no ready_at, so their event rows still speak for them, once.
    const migrated = Journal.open(path);
    expect(migrated.events(runId).map((e) => [e.type, e.id > 0])).toEqual([...rows.map(() => ['task:ready', true]), ...rows.map(() => ['task:done', true])]);
    migrated.close();
  });

  test('merging keeps each list in its own order and puts the earlier time first', () => {
    const stored = [{ at: 1, n: 's1' }, { at: 5, n: 's2' }, { at: 4, n: 's3' }];
    const derived = [{ at: 1, n: 'd1' }, { at: 3, n: 'd2' }, { at: 9, n: 'd3' }];
    expect(mergeByTime(stored, derived).map((r) => r.n)).toEqual(['s1', 'd1', 'd2', 's2', 's3', 'd3']);
  });
});
