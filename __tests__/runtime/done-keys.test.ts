import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Journal, encodeValue } from '../../sdk/runtime/journal/index.js';
import { tempDir } from './helpers.js';

function callWithKey(journal: Journal, seq: number, key: string, state: 'done' | 'running'): void {
  const callId = `c${seq}`;
  journal.insertCall('r1', { callId, seq, taskId: 'W.task', dependsOn: [], at: seq });
  journal.readyCall('r1', callId, key, seq);
  journal.recordAttempt('r1', { callId, attempt: 1, endpoint: 'e', at: seq });
  if (state === 'done') journal.finishCall('r1', { callId, state: 'done', endpoint: 'e', at: seq, runSeconds: 0, usd: 0, joules: 0, result: encodeValue(seq) });
}

describe('finished calls by key, for a resume', () => {
  test('the calls table keeps no index over call_key (its hashed values cost every insert a random page), fresh or migrated', () => {
    const path = join(tempDir(), 'corral.db');
    Journal.open(path).close();
    const indexed = () => {
      const db = new Database(path, { readonly: true });
      const columns = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'calls' AND name NOT LIKE 'sqlite_autoindex%'").all() as Array<{ name: string }>)
        .flatMap(({ name }) => (db.prepare('SELECT name FROM pragma_index_info(?)').all(name) as Array<{ name: string }>).map((c) => c.name));
      db.close();
      return columns;
    };
    expect(indexed()).not.toContain('call_key');
    // A file of the version before still has the index: opening it for writing drops it.
    const old = new Database(path);
    old.exec('CREATE INDEX calls_by_key ON calls (run_id, call_key); PRAGMA user_version = 5;');
    old.close();
    expect(indexed()).toContain('call_key');
    Journal.open(path).close();
    expect(indexed()).not.toContain('call_key');
  });

  test('a resume finds the finished calls of every execution before it, oldest first, and none that did not finish', () => {
    const path = join(tempDir(), 'corral.db');
    const journal = Journal.open(path);
    journal.insertRun({ id: 'r1', workflow: 'W.run', module: null, exportName: null, method: null, startedAt: 0 });
    callWithKey(journal, 1, 'W.task:h:1', 'done');
    callWithKey(journal, 2, 'W.task:h:2', 'running');
    journal.flush();
    // First resume: call 2 was left unfinished.
    journal.prepareResume('r1');
    expect(journal.doneCallsByKey('r1', 'W.task:h:1').map((c) => c.callId)).toEqual(['c1']);
    expect(journal.doneCallsByKey('r1', 'W.task:h:2')).toEqual([]);
    // The resumed execution finishes the call of key 2 and a new one; it is killed, and resumed again in the same session.
    callWithKey(journal, 3, 'W.task:h:2', 'done');
    callWithKey(journal, 4, 'W.task:h:3', 'done');
    journal.flush();
    journal.prepareResume('r1');
    expect(journal.doneCallsByKey('r1', 'W.task:h:2').map((c) => [c.callId, c.result])).toEqual([['c3', encodeValue(3)]]);
    expect(journal.doneCallsByKey('r1', 'W.task:h:3').map((c) => c.callId)).toEqual(['c4']);
    journal.close();
    // Another session resuming the file sees the same.
    const again = Journal.open(path);
    again.prepareResume('r1');
    expect(['W.task:h:1', 'W.task:h:2', 'W.task:h:3'].map((k) => again.doneCallsByKey('r1', k).map((c) => c.callId))).toEqual([['c1'], ['c3'], ['c4']]);
    again.close();
  });
});
