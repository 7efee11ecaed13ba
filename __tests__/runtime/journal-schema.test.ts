import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Journal, JournalError, decodeValue } from '../../sdk/runtime/journal/index.js';
import { JOURNAL_VERSION, MIGRATIONS, migrateDatabase } from '../../sdk/database/index.js';
import { ProfileStore } from '../../sdk/profiling/index.js';
import { RoundStore } from '../../sdk/federated/index.js';
import { FunctionRegistry } from '../../sdk/endpoints/globus-compute/index.js';
import { ArgumentError, Corral, LocalEndpoint } from '../../sdk/index.js';
import { Failing } from '../fixtures/tasks/workflows.js';
import { tempDir } from './helpers.js';

const OLD_DDL = readFileSync(new URL('../fixtures/journal/journal-v2.sql', import.meta.url), 'utf8');

/** A journal file as the previous corral left it (its DDL, run by each module, and a few rows). */
function oldJournal(): string {
  const path = join(tempDir(), 'corral.db');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec(OLD_DDL);
  db.close();
  return path;
}

const tables = (db: Database.Database) => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((t) => t.name);

describe('one schema for every table of corral\'s database', () => {
  test('a journal file made by the previous schema opens, migrates to this version and keeps its rows', () => {
    const path = oldJournal();
    const journal = Journal.open(path);
    expect(journal.db.pragma('user_version', { simple: true })).toBe(JOURNAL_VERSION);
    expect(journal.getRun('r-old')).toMatchObject({ workflow: 'Diamond.run', status: 'done' });
    const [call] = journal.calls('r-old');
    expect(call).toMatchObject({ call_id: 'c1', state: 'done', attempts: 1 });
    expect(decodeValue(call!.result)).toBe(1);
    expect(journal.attempts('r-old')[0]).toMatchObject({ usd: 0, joules: 0, state: 'done' });
    // The modules that used to create their own tables read their old rows through the one schema.
    const rounds = new RoundStore(journal.db).rounds('fl-old');
    expect(rounds).toHaveLength(1);
    expect([...rounds[0]!.weights]).toEqual([1, 2]);
    expect(rounds[0]!.strategy).toBeUndefined();
    new RoundStore(journal.db).save({ runId: 'fl-new', round: 1, weights: new Float32Array([3]), shapes: [[1]], metrics: {}, strategy: { name: 'fedavg' }, at: 1 });
    expect(new RoundStore(journal.db).last('fl-new')?.strategy).toEqual({ name: 'fedavg' });
    expect(new ProfileStore(journal.db).attempts('Diamond.source')).toHaveLength(1);
    journal.close();
    const registry = new FunctionRegistry(path);
    expect(registry.lookup('client-1', 'bundle:ab12')).toBe('fn-old');
    registry.close();
  });

  test('replay keys an older corral wrote are found after the migration that indexes them by hash', () => {
    const path = oldJournal();
    const journal = Journal.open(path);
    expect(journal.doneCallsByKey('r-old', 'Diamond.source:h:1')).toEqual([{ callId: 'c1', result: expect.any(Buffer) }]);
    expect(journal.lastOccurrence('r-old', 'Diamond.source:h:', 0)).toBe(1);
    expect(journal.lastOccurrence('r-old', 'Diamond.source:g:', 0)).toBe(0);
    const indexes = (journal.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'calls' AND sql IS NOT NULL").all() as Array<{ name: string }>).map((i) => i.name);
    expect(indexes).toEqual(['calls_by_key_hash']);
    journal.close();
  });

  test('call keys are read through their 4-byte hash: every occurrence of a pair is counted, a pair sharing the hash is not', () => {
    const journal = Journal.open(join(tempDir(), 'corral.db'));
    const keys = ['T.a:h1:1', 'T.a:h1:2', 'T.a:h1:3', 'T.a:h2:1', 'T.b:h1:1'];
    keys.forEach((key, i) => {
      journal.insertCall('r1', { callId: `c${i}`, seq: i, taskId: 'T', dependsOn: [], at: i });
      journal.readyCall('r1', `c${i}`, key, i);
    });
    journal.flush();
    // A later commit that sets a key again (an update, not an insert) keeps its hash right too.
    journal.setCallState('r1', 'c4', 'done', 'T.b:h1:2');
    journal.flush();
    expect(journal.lastOccurrence('r1', 'T.a:h1:', 0)).toBe(3);
    expect(journal.lastOccurrence('r1', 'T.a:h1:', 2)).toBe(3);
    expect(journal.lastOccurrence('r1', 'T.a:h2:', 0)).toBe(1);
    expect(journal.lastOccurrence('r1', 'T.b:h1:', 0)).toBe(2);
    expect(journal.lastOccurrence('r2', 'T.a:h1:', 0)).toBe(0);
    // A row of another pair forced onto the same hash (occurrence 9): the key text still tells them apart.
    const hash = (journal.db.prepare("SELECT key_hash FROM calls WHERE call_key = 'T.a:h1:1'").get() as { key_hash: number }).key_hash;
    journal.db.prepare("UPDATE calls SET key_hash = ?, call_key = 'T.a:h2:9' WHERE call_key = 'T.a:h2:1'").run(hash);
    expect(journal.lastOccurrence('r1', 'T.a:h1:', 0)).toBe(3);
    expect(journal.doneCallsByKey('r1', 'T.b:h1:2')).toEqual([{ callId: 'c4', result: null }]);
    const plan = journal.db.prepare("EXPLAIN QUERY PLAN SELECT call_id FROM calls INDEXED BY calls_by_key_hash WHERE key_hash = 1 AND run_id = 'r1' AND call_key = 'k'").all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join()).toContain('USING INDEX calls_by_key_hash');
    expect(journal.calls('r1')[0]).not.toHaveProperty('key_hash');
    journal.close();
  });

  test('a fresh file and a migrated old one end with the same tables and columns', () => {
    const fresh = new Database(':memory:');
    migrateDatabase(fresh);
    const migrated = new Database(oldJournal());
    migrateDatabase(migrated);
    const shape = (db: Database.Database) => tables(db).map((t) => `${t}(${(db.prepare(`PRAGMA table_info(${t})`).all() as Array<{ name: string }>).map((c) => c.name).sort().join(',')})`);
    expect(shape(migrated)).toEqual(shape(fresh));
    expect(tables(fresh)).toEqual(expect.arrayContaining(['runs', 'calls', 'attempts', 'events', 'cache', 'profile_attempts', 'profile_endpoints', 'fl_rounds', 'globus_compute_functions']));
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  test('a file that only the old Globus function registry had written is taken as corral\'s, not refused as foreign', () => {
    const path = join(tempDir(), 'corral.db');
    const db = new Database(path);
    db.exec(`CREATE TABLE globus_compute_functions (client_id TEXT NOT NULL, program_key TEXT NOT NULL, function_id TEXT NOT NULL, registered_at INTEGER NOT NULL,
      PRIMARY KEY (client_id, program_key)); INSERT INTO globus_compute_functions VALUES ('c', 'k', 'fn-1', 1);`);
    db.close();
    const journal = Journal.open(path);
    expect(journal.listRuns()).toEqual([]);
    journal.close();
    const registry = new FunctionRegistry(path);
    expect(registry.lookup('c', 'k')).toBe('fn-1');
    registry.close();
  });

  test('the Globus function registry writes into the journal that CORRAL_JOURNAL names', () => {
    const path = join(tempDir(), 'runs', 'chosen.db');
    const before = process.env.CORRAL_JOURNAL;
    process.env.CORRAL_JOURNAL = path;
    try {
      const registry = new FunctionRegistry();
      expect(registry.path).toBe(path);
      registry.remember('client-1', 'bundle:cd34', 'fn-new');
      registry.close();
    } finally {
      if (before === undefined) delete process.env.CORRAL_JOURNAL;
      else process.env.CORRAL_JOURNAL = before;
    }
    const journal = Journal.open(path);
    expect(journal.db.prepare('SELECT function_id FROM globus_compute_functions WHERE program_key = ?').get('bundle:cd34')).toEqual({ function_id: 'fn-new' });
    journal.close();
  });

  test('a row corral would not write is refused with the table, the field and the bad value', () => {
    const path = oldJournal();
    const db = new Database(path);
    db.exec("UPDATE runs SET status = 'exploded' WHERE id = 'r-old'");
    db.close();
    const journal = Journal.open(path);
    const error = (() => { try { journal.getRun('r-old'); } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(JournalError);
    expect((error as JournalError).code).toBe('CORRAL_JOURNAL');
    expect((error as Error).message).toContain(`journal ${path}: table runs, row 1 of the read: field "status" is "exploded"`);
    journal.close();
  });
});

describe('the typed journal facade', () => {
  test('state changes of one turn fold into one row; later turns update it, keeping what they do not set', async () => {
    const journal = Journal.open(':memory:');
    journal.insertRun({ id: 'r1', workflow: 'W.run', module: null, exportName: 'W', method: 'run', config: { policy: 'fastest' }, budget: { usd: 1 }, startedAt: 10 });
    journal.insertCall('r1', { callId: 'c1', seq: 1, taskId: 'W.task', dependsOn: ['c0'], at: 11 });
    journal.setCallState('r1', 'c1', 'ready', 'W.task:h:1');
    journal.placeCall('r1', 'c1', { endpoint: 'laptop', attempt: 1, predicted: { seconds: 2, usd: 0.5, joules: 3 } });
    journal.recordAttempt('r1', { callId: 'c1', attempt: 1, endpoint: 'laptop', at: 12 });
    await new Promise<void>((resolve) => journal.afterCommit(() => resolve()));
    expect(journal.calls('r1')).toEqual([expect.objectContaining({
      state: 'running', call_key: 'W.task:h:1', endpoint: 'laptop', attempts: 1, depends_on: '["c0"]', predicted_usd: 0.5, submitted_at: 11,
    })]);
    journal.finishAttempt('r1', { callId: 'c1', attempt: 1, state: 'failed', endedAt: 13, usd: 0.25, joules: 1, error: { name: 'Boom', message: 'no', failure: 'task' } });
    journal.failCall('r1', { callId: 'c1', at: 13, error: { name: 'Boom', message: 'no' } });
    journal.recordEvent('r1', { callId: 'c1', at: 13, type: 'task:failed', data: { name: 'Boom', message: 'no' } });
    journal.finishRun('r1', { ok: false, at: 14, error: 'no' });
    journal.flush();
    expect(journal.calls('r1')[0]).toMatchObject({ state: 'failed', call_key: 'W.task:h:1', endpoint: 'laptop', predicted_usd: 0.5, ended_at: 13, error: '{"name":"Boom","message":"no"}' });
    expect(journal.attempts('r1')).toEqual([expect.objectContaining({ state: 'failed', submitted_at: 12, ended_at: 13, usd: 0.25, error: '{"name":"Boom","message":"no","failure":"task"}' })]);
    expect(journal.events('r1').map((e) => [e.type, e.data])).toEqual([['task:failed', '{"name":"Boom","message":"no"}']]);
    expect(journal.getRun('r1')).toMatchObject({ status: 'failed', ended_at: 14, error: 'no', config: '{"policy":"fastest"}', budget: '{"usd":1}' });
    journal.close();
  });

  test('more calls than one multi-row insert holds, in one turn, are all recorded in order', () => {
    const journal = Journal.open(':memory:');
    for (let i = 1; i <= 150; i++) {
      journal.insertCall('r1', { callId: `c${i}`, seq: i, taskId: 'W.task', dependsOn: [], at: i });
      journal.recordAttempt('r1', { callId: `c${i}`, attempt: 1, endpoint: 'e', at: i });
      journal.recordEvent('r1', { callId: `c${i}`, at: i, type: 'task:ready' });
    }
    journal.flush();
    expect(journal.calls('r1').map((c) => [c.call_id, c.state, c.attempts])).toEqual(Array.from({ length: 150 }, (_, i) => [`c${i + 1}`, 'running', 1]));
    expect(journal.events('r1').map((e) => e.call_id)).toEqual(Array.from({ length: 150 }, (_, i) => `c${i + 1}`));
    journal.close();
  });
});

describe('runs whose values cannot be stored', () => {
  test('a run whose arguments cannot be serialized is still recorded, as failed, beside the other writes of its turn', async () => {
    const path = join(tempDir(), 'corral.db');
    const corral = await Corral.open({ journal: path, endpoints: [new LocalEndpoint({ workers: 1 })] });
    try {
      const error = await corral.run(Failing, 'takes', { fn: () => 1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ArgumentError);
      const run = corral.journal.getRun(corral.lastRunId!);
      expect(run).toMatchObject({ workflow: 'Failing.takes', status: 'failed', args: null });
    } finally {
      await corral.close();
    }
  });
});
