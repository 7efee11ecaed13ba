import { deserialize, serialize } from 'node:v8';
import type Database from 'better-sqlite3';
import { secretValues } from '../../secrets/index.js';
import { explainJournalError } from './check-journal.js';
import { JournalError } from './journal-error.js';
import { openJournalDatabase, openJournalDatabaseReadOnly } from './open-database.js';
import { redactArguments } from './redact-arguments.js';
import type { AttemptRow, CallRow, EventRow, RunRow } from './rows.js';
import { INTERRUPTED_ERROR, RESUMED_EVENT, resumeEvent, startOfLatestExecution } from './run-executions.js';

/** Called once queued writes have committed, with the error when they could not. */
export type JournalWaiter = (error?: Error) => void;

/**
 * The run journal in SQLite: runs, calls, attempts, every state change, and
 * memoized results. Writes are grouped: all state changes made in one turn of
 * the event loop commit in one transaction, and the runtime releases a result
 * to its dependants only after the transaction holding it has committed.
 * Every text and value written has the secrets of the environment redacted.
 *
 * @example
 * ```ts
 * const journal = Journal.open('.corral/corral.db');
 * for (const run of journal.listRuns()) console.log(run.id, run.status);
 * journal.close();
 * ```
 */
export class Journal {
  private ops: Array<() => void> = [];
  private waiters: JournalWaiter[] = [];
  private scheduled = false;
  private readonly commit: (ops: Array<() => void>) => void;
  private statements?: ReturnType<Journal['prepare']>;
  // Refreshed at each group commit: the environment may gain a secret while corral runs.
  private secrets: string[] = [];

  private constructor(readonly path: string, readonly db: Database.Database) {
    this.commit = db.transaction((ops: Array<() => void>) => { for (const op of ops) op(); });
  }

  /** Opens or creates the journal at `path` (`:memory:` for a throwaway one), refusing a foreign or damaged file. */
  static open(path: string): Journal {
    return new Journal(path, openJournalDatabase(path));
  }

  /**
   * Opens an existing journal for reading only: what `corral runs`, `show` and
   * `report` use, so they work on a read-only file and never change it.
   *
   * @example
   * ```ts
   * const journal = Journal.openReadOnly('.corral/corral.db');
   * console.log(journal.listRuns().length);
   * ```
   */
  static openReadOnly(path: string): Journal {
    return new Journal(path, openJournalDatabaseReadOnly(path));
  }

  // Prepared on first write: a read-only journal of an older version may lack columns they name.
  private get stmt(): ReturnType<Journal['prepare']> {
    this.statements ??= this.prepare();
    return this.statements;
  }

  private prepare() {
    const db = this.db;
    const redacted = (sql: string) => {
      const statement = db.prepare(sql);
      return { run: (...args: unknown[]) => statement.run(...redactArguments(args, this.secrets)) };
    };
    return {
      insertRun: redacted(`INSERT INTO runs (id, workflow, module, export_name, method, args, config, budget, status, started_at)
        VALUES (@id, @workflow, @module, @exportName, @method, @args, @config, @budget, @status, @startedAt)`),
      finishRun: redacted('UPDATE runs SET status = ?, ended_at = ?, error = ?, result = ? WHERE id = ?'),
      resumeRun: redacted("UPDATE runs SET status = 'running', ended_at = NULL, error = NULL, resumes = resumes + 1 WHERE id = ?"),
      insertCall: redacted(`INSERT INTO calls (run_id, call_id, seq, task_id, state, depends_on, submitted_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)`),
      callState: redacted('UPDATE calls SET state = ?, call_key = COALESCE(?, call_key) WHERE run_id = ? AND call_id = ?'),
      callPlaced: redacted('UPDATE calls SET state = ?, endpoint = ?, attempts = ?, predicted_seconds = ?, predicted_usd = ?, predicted_joules = ?, started_at = COALESCE(started_at, ?) WHERE run_id = ? AND call_id = ?'),
      callDone: redacted('UPDATE calls SET state = ?, endpoint = COALESCE(?, endpoint), ended_at = ?, run_seconds = ?, usd = ?, joules = ?, result = ? WHERE run_id = ? AND call_id = ?'),
      callFailed: redacted('UPDATE calls SET state = ?, ended_at = ?, error = ? WHERE run_id = ? AND call_id = ?'),
      insertAttempt: redacted(`INSERT INTO attempts (run_id, call_id, attempt, endpoint, state, submitted_at) VALUES (?, ?, ?, ?, 'running', ?)`),
      finishAttempt: redacted(`UPDATE attempts SET state = ?, started_at = ?, ended_at = ?, queue_seconds = ?, run_seconds = ?, cold_start_seconds = ?, usd = ?, joules = ?, error = ?
        WHERE run_id = ? AND call_id = ? AND attempt = ?`),
      event: redacted('INSERT INTO events (run_id, call_id, at, type, data) VALUES (?, ?, ?, ?, ?)'),
      doneByKey: db.prepare("SELECT call_id AS callId, result FROM calls WHERE run_id = ? AND call_key = ? AND state IN ('done', 'cached', 'replayed') ORDER BY seq"),
      abandon: redacted("UPDATE calls SET state = 'cancelled', error = ? WHERE run_id = ? AND state NOT IN ('done', 'failed', 'cached', 'replayed', 'cancelled')"),
      maxSeq: db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM calls WHERE run_id = ?'),
      cacheGet: db.prepare('SELECT result FROM cache WHERE fn_key = ? AND args_hash = ?'),
      cachePut: redacted('INSERT OR REPLACE INTO cache (fn_key, args_hash, result, created_at) VALUES (?, ?, ?, ?)'),
    };
  }

  /** Queues a write for the next group commit. */
  write(op: (s: Journal['stmt']) => void): void {
    this.ops.push(() => op(this.stmt));
    this.schedule();
  }

  /** Calls `done` once every write queued so far has committed (or failed). */
  afterCommit(done: JournalWaiter): void {
    this.waiters.push(done);
    this.schedule();
  }

  /** Commits everything queued now. */
  flush(): void {
    this.scheduled = false;
    const ops = this.ops;
    const waiters = this.waiters;
    this.ops = [];
    this.waiters = [];
    let failure: Error | undefined;
    if (ops.length > 0) {
      try {
        this.refreshSecrets();
        this.commit(ops);
      } catch (error) {
        failure = new JournalError(this.path, `could not record state: ${(error as Error).message}`, { cause: error });
      }
    }
    for (const w of waiters) w(failure);
  }

  private refreshSecrets(): void {
    const secrets = secretValues();
    // A secret may reach a row JSON-escaped (an error message inside event data).
    this.secrets = [...new Set([...secrets, ...secrets.map((x) => JSON.stringify(x).slice(1, -1))])];
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  // Reads: always see committed state, so flush first; a damaged page read names the file.
  private read<T>(sql: string, ...params: unknown[]): T[] {
    this.flush();
    try {
      return this.db.prepare(sql).all(...params) as T[];
    } catch (error) {
      throw explainJournalError(this.path, error);
    }
  }

  getRun(id: string): RunRow | undefined {
    return this.read<RunRow>('SELECT * FROM runs WHERE id = ?', id)[0];
  }

  listRuns(limit = 50): RunRow[] {
    return this.read<RunRow>('SELECT id, workflow, module, export_name, method, status, started_at, ended_at, error, resumes FROM runs ORDER BY started_at DESC, id DESC LIMIT ?', limit);
  }

  /**
   * Every call row of a run, from every execution (a resumed run has the rows
   * of each); `attempts` counts the attempts that started.
   */
  calls(runId: string): CallRow[] {
    return this.read<CallRow & { started_attempts: number }>(`SELECT c.*, (SELECT COUNT(*) FROM attempts a WHERE a.run_id = c.run_id AND a.call_id = c.call_id) AS started_attempts
      FROM calls c WHERE c.run_id = ? ORDER BY c.seq`, runId).map(({ started_attempts, ...row }) => ({ ...row, attempts: started_attempts }));
  }

  /**
   * The calls of a run's latest execution: after `corral resume`, the calls of
   * the resumed execution (finished ones as `replayed`), not those of the
   * executions before it.
   *
   * @example
   * ```ts
   * const failed = journal.currentCalls(runId).filter((c) => c.state === 'failed').length;
   * ```
   */
  currentCalls(runId: string): CallRow[] {
    const first = startOfLatestExecution(this.read<EventRow>('SELECT * FROM events WHERE run_id = ? AND type = ? ORDER BY id', runId, RESUMED_EVENT));
    return this.calls(runId).filter((c) => c.seq >= first);
  }

  attempts(runId: string): AttemptRow[] {
    return this.read<AttemptRow>('SELECT * FROM attempts WHERE run_id = ? ORDER BY call_id, attempt', runId);
  }

  events(runId: string): EventRow[] {
    return this.read<EventRow>('SELECT * FROM events WHERE run_id = ? ORDER BY id', runId);
  }

  /** Finished calls of a run with this key, oldest first (for replay on resume). */
  doneCallsByKey(runId: string, callKey: string): Array<{ callId: string; result: Buffer | null }> {
    return this.stmt.doneByKey.all(runId, callKey) as Array<{ callId: string; result: Buffer | null }>;
  }

  /** Marks the calls a killed run left unfinished, and returns the next free call sequence number. */
  prepareResume(runId: string): number {
    this.flush();
    const firstSeq = (this.stmt.maxSeq.get(runId) as { seq: number }).seq + 1;
    this.refreshSecrets();
    this.commit([
      () => this.stmt.abandon.run(INTERRUPTED_ERROR, runId),
      () => this.stmt.resumeRun.run(runId),
      () => this.stmt.event.run(runId, null, Date.now(), RESUMED_EVENT, resumeEvent(firstSeq)),
    ]);
    return firstSeq;
  }

  cacheGet(fnKey: string, argsHash: string): { value: unknown } | undefined {
    const row = this.stmt.cacheGet.get(fnKey, argsHash) as { result: Buffer } | undefined;
    return row ? { value: decodeValue(row.result) } : undefined;
  }

  close(): void {
    this.flush();
    if (this.db.open) this.db.close();
  }
}

/** Values are stored with v8 serialization: whatever structured clone carries. */
export function encodeValue(value: unknown): Buffer {
  return serialize(value);
}

export function decodeValue(blob: Buffer | null): unknown {
  return blob === null ? undefined : deserialize(blob);
}
