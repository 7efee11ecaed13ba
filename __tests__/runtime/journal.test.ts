import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { execa } from 'execa';
import { Corral, Journal, JournalError, LocalEndpoint } from '../../sdk/index.js';
import { JOURNAL_VERSION } from '../../sdk/database/index.js';
import { journalWithDiamondRun, tempDir } from './helpers.js';

describe('the journal never starts afresh over user data', () => {
  test('a file that is not SQLite is refused and left untouched', async () => {
    const path = join(tempDir(), 'corral.db');
    writeFileSync(path, 'precious notes, not a database\n');
    const error = await Corral.open({ journal: path, endpoints: [new LocalEndpoint({ workers: 1 })] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JournalError);
    expect((error as Error).message).toContain(`journal ${path}: is not a SQLite database`);
    expect(readFileSync(path, 'utf8')).toBe('precious notes, not a database\n');
  });

  test('a SQLite file that is not a corral journal is refused', () => {
    const path = join(tempDir(), 'other.db');
    const other = new Database(path);
    other.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)');
    other.close();
    expect(() => Journal.open(path)).toThrow(/is a SQLite database but not a corral journal \(tables: customers\)/);
  });

  test('a corrupt journal is refused with a clear error', () => {
    const path = join(tempDir(), 'corral.db');
    Journal.open(path).close();
    const bytes = readFileSync(path);
    bytes.fill(0x5a, 100, Math.min(bytes.length, 8192));
    writeFileSync(path, bytes);
    expect(() => Journal.open(path)).toThrow(JournalError);
  });

  test('a journal locked by another process is reported as locked, not replaced', async () => {
    const path = join(tempDir(), 'corral.db');
    Journal.open(path).close();
    const holder = execa('node', ['-e', `
      const D = require('better-sqlite3'); const db = new D(${JSON.stringify(path)});
      db.pragma('locking_mode = EXCLUSIVE'); db.exec('BEGIN EXCLUSIVE'); console.log('locked'); setTimeout(() => {}, 20000);`], { cwd: process.cwd() });
    await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
    try {
      expect(() => Journal.open(path)).toThrow(/is locked by another process/);
    } finally {
      holder.kill('SIGKILL');
      await holder.catch(() => undefined);
    }
  });

  test('runs, calls and results survive closing and reopening', async () => {
    const { path, runId } = await journalWithDiamondRun(2);
    const journal = Journal.open(path);
    expect(journal.getRun(runId)).toMatchObject({ status: 'done', workflow: 'Diamond.run' });
    expect(journal.calls(runId).map((c) => c.task_id)).toEqual(['Diamond.source', 'Diamond.left', 'Diamond.right', 'Diamond.join']);
    journal.close();
  });

  test('a journal written by the previous version is migrated in place, its runs kept', async () => {
    const { path, runId } = await journalWithDiamondRun();
    // Turn the file back into a version-1 journal: attempts had no cost columns, calls no ready_at.
    const old = new Database(path);
    old.exec('ALTER TABLE attempts DROP COLUMN usd; ALTER TABLE attempts DROP COLUMN joules; ALTER TABLE calls DROP COLUMN ready_at; PRAGMA user_version = 1;');
    old.close();
    const journal = Journal.open(path);
    expect(journal.db.pragma('user_version', { simple: true })).toBe(JOURNAL_VERSION);
    expect(journal.calls(runId)[0]).toHaveProperty('ready_at', null);
    expect(journal.attempts(runId)).toHaveLength(4);
    expect(journal.attempts(runId)[0]).toHaveProperty('usd', null);
    journal.close();
  });
});

describe('group commits of a call across turns', () => {
  test('a later commit writes only what it changes: the rest of the row, the first start time and the call key stay', () => {
    const journal = Journal.open(join(tempDir(), 'corral.db'));
    try {
      const at = 1_700_000_000_000;
      journal.insertRun({ id: 'r', workflow: 'T.flow', module: null, exportName: null, method: null, startedAt: at });
      journal.insertCall('r', { callId: 'c1', seq: 1, taskId: 'T.work', dependsOn: [], at });
      journal.setCallState('r', 'c1', 'ready', 'T.work:h:1');
      journal.flush();
      journal.placeCall('r', 'c1', { endpoint: 'hpc', attempt: 1, predicted: { seconds: 2, usd: 0.5, joules: 9 } });
      journal.flush();
      journal.recordAttempt('r', { callId: 'c1', attempt: 1, endpoint: 'hpc', at: at + 1 });
      journal.flush();
      journal.finishCall('r', { callId: 'c1', state: 'done', at: at + 5, runSeconds: 4, usd: 0.25, joules: 7, result: Buffer.from([1, 2]) });
      journal.flush();
      journal.setCallState('r', 'c1', 'replayed');
      expect(journal.calls('r')[0]).toMatchObject({
        state: 'replayed', call_key: 'T.work:h:1', endpoint: 'hpc', attempts: 1, predicted_seconds: 2, predicted_usd: 0.5, predicted_joules: 9,
        ended_at: at + 5, run_seconds: 4, usd: 0.25, joules: 7, result: Buffer.from([1, 2]), error: null,
      });
      expect(journal.doneCallsByKey('r', 'T.work:h:1')).toEqual([{ callId: 'c1', result: Buffer.from([1, 2]) }]);
    } finally {
      journal.close();
    }
  });
});
