import type Database from 'better-sqlite3';
import { secretValues } from '../../secrets/index.js';
import { JournalError, callKeyHash, explainJournalError, openCorralDatabase, openCorralDatabaseReadOnly } from '../../database/index.js';
import { encodeError, encodeJson } from './json-columns.js';
import type { AttemptEnd, AttemptStart, CallEnd, CallFailure, CallPlacement, CallStart, EventRecord, RunEnd, RunStart } from './records.js';
import { readRows, type RowTable, type AttemptRow, type CallRow, type EventRow, type RunRow } from './rows.js';
import { CALL_EVENTS_SQL, callEvents, mergeByTime, type CallEventRow } from './call-events.js';
import { INTERRUPTED_ERROR, RESUMED_EVENT, resumeEvent, startOfLatestExecution } from './run-executions.js';
import { prepareStatements, type JournalStatements } from './statements.js';
import { WriteBatch, type CallPatch } from './write-batch.js';
import { HeldCalls } from './held-calls.js';
import { decodeValue } from './stored-value.js';
import { commitDelay, groupCommitPacing, type GroupCommitPacing } from './group-commit.js';

// States of a call corral has not yet sent to an endpoint.
const UNSENT = new Set(['waiting', 'ready', 'queued']);

/** Called once queued writes have committed, with the error when they could not. */
export type JournalWaiter = (error?: Error) => void;

/** How a journal opened for writing groups its commits. */
export interface JournalOptions {
  /** When a busy run's commits wait for more writes (see {@link GROUP_COMMIT_PACING}, the default). */
  readonly groupCommit?: Partial<GroupCommitPacing>;
}

/**
 * The run journal in SQLite: runs, calls, attempts, every state change, and
 * memoized results, written through named methods that take typed records
 * (JSON columns are encoded here and in json-columns.ts, nowhere else). Writes
 * are grouped: all state changes made in one turn of the event loop commit in
 * one transaction (in a few turns when the run is busy: see group-commit.ts),
 * a call's changes in that transaction folded into one row write, and the
 * runtime releases a result to its dependants only after the transaction
 * holding it has committed. Every text and value written has the
 * secrets of the environment redacted.
 *
 * @example
 * ```ts
 * const journal = Journal.open('.corral/corral.db');
 * journal.insertRun({ id: 'r1', workflow: 'Images.pipeline', module: null, exportName: null, method: null, startedAt: Date.now() });
 * journal.flush();
 * for (const run of journal.listRuns()) console.log(run.id, run.status);
 * journal.close();
 * ```
 */
export class Journal {
  private batch = new WriteBatch();
  private waiters: JournalWaiter[] = [];
  // The pending commit: at the next turn of the event loop, or later when the run is busy.
  private immediate?: NodeJS.Immediate;
  private timer?: NodeJS.Timeout;
  // Writes the new calls held back as unsent once the oldest of them is due (see GroupCommitPacing.holdUnsentMs).
  private heldTimer?: NodeJS.Timeout;
  private lastWrites = 0;
  private readonly commitDue = (): void => this.commitQueued(true);
  private readonly heldDue = (): void => {
    this.heldTimer = undefined;
    this.commitQueued(true);
  };
  private readonly held = new HeldCalls();
  private readonly carryDue = (c: CallPatch): void => this.batch.carry(c);
  private readonly commit: (batch: WriteBatch, hold?: (c: CallPatch) => boolean) => CallPatch[];
  private statements?: JournalStatements;
  private lastOccurrenceStatement?: Database.Statement<[number, number, string, string, string, number], { n: number | null }>;
  // Refreshed at each group commit: the environment may gain a secret while corral runs.
  private secrets: string[] = [];
  private readyAtColumn?: boolean;

  private constructor(readonly path: string, readonly db: Database.Database, private readonly pacing: GroupCommitPacing = groupCommitPacing()) {
    this.commit = db.transaction((batch: WriteBatch, hold?: (c: CallPatch) => boolean) => batch.apply(this.stmt, hold));
  }

  /**
   * Opens or creates the journal at `path` (`:memory:` for a throwaway one),
   * refusing a foreign or damaged file and migrating an older one.
   *
   * @example
   * ```ts
   * // Commits of a busy run wait up to 2 ms (not 5) for more writes to join them.
   * const journal = Journal.open('.corral/corral.db', { groupCommit: { deferMs: 2 } });
   * ```
   */
  static open(path: string, options?: JournalOptions): Journal {
    // Options are checked before the file is touched: a refused open creates or changes nothing.
    const pacing = groupCommitPacing(options?.groupCommit);
    return new Journal(path, openCorralDatabase(path), pacing);
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
    return new Journal(path, openCorralDatabaseReadOnly(path));
  }

  // Prepared on first use: a read-only journal of an older version may lack columns they name.
  private get stmt(): JournalStatements {
    this.statements ??= prepareStatements(this.db, () => this.secrets);
    return this.statements;
  }

  /** Records a run as it starts. */
  insertRun(r: RunStart): void {
    const row = { ...r, args: r.args ?? null, config: encodeJson(r.config), budget: encodeJson(r.budget), status: 'running' };
    this.queue((b) => b.op((s) => s.insertRun(row)));
  }

  /** Records how a run ended. */
  finishRun(runId: string, r: RunEnd): void {
    this.queue((b) => b.op((s) => s.finishRun(runId, r.ok ? 'done' : 'failed', r.at, r.error ?? null, r.result ?? null)));
  }

  /** Records a call as the orchestrator made it (state `waiting`). */
  insertCall(runId: string, c: CallStart): void {
    const patch = this.batch.call(runId, c.callId);
    patch.insert = { seq: c.seq, taskId: c.taskId, dependsOn: c.dependsOn.length === 0 ? '[]' : JSON.stringify(c.dependsOn), submittedAt: c.at };
    patch.state = 'waiting';
    this.schedule();
  }

  /** Records a call's new state, and the key that finds it again on resume once it is known. */
  setCallState(runId: string, callId: string, state: string, callKey?: string): void {
    const patch = this.callPatch(runId, callId);
    patch.state = state;
    if (callKey !== undefined) patch.callKey = callKey;
    this.schedule();
  }

  /**
   * Records that a call's inputs are ready and it goes to placement: its
   * `task:ready` event, kept in its row (`ready_at`) rather than as an event
   * row, as is its `task:done` once it is done; {@link Journal.events} lists both.
   */
  readyCall(runId: string, callId: string, callKey: string, at: number): void {
    const patch = this.callPatch(runId, callId);
    patch.state = 'ready';
    patch.callKey = callKey;
    patch.readyAt = at;
    this.schedule();
  }

  /** Records where a call's next attempt goes (state `queued`) and what was predicted. */
  placeCall(runId: string, callId: string, p: CallPlacement): void {
    const patch = this.callPatch(runId, callId);
    patch.state = 'queued';
    patch.endpoint = p.endpoint;
    patch.attempts = p.attempt;
    patch.predictedSeconds = p.predicted.seconds;
    patch.predictedUsd = p.predicted.usd;
    patch.predictedJoules = p.predicted.joules;
    this.schedule();
  }

  /** Records an attempt sent to an endpoint; its call is then `running`. */
  recordAttempt(runId: string, a: AttemptStart): void {
    this.callPatch(runId, a.callId).state = 'running';
    this.batch.attempt(runId, a.callId, a.attempt, 'running').insert = { endpoint: a.endpoint, submittedAt: a.at };
    this.schedule();
  }

  /** Records how an attempt ended, and what it cost. */
  finishAttempt(runId: string, a: AttemptEnd): void {
    const patch = this.batch.attempt(runId, a.callId, a.attempt, a.state);
    patch.startedAt = a.startedAt ?? null;
    patch.endedAt = a.endedAt;
    patch.queueSeconds = a.queueSeconds ?? null;
    patch.runSeconds = a.runSeconds ?? null;
    patch.coldStartSeconds = a.coldStartSeconds ?? null;
    patch.usd = a.usd;
    patch.joules = a.joules;
    patch.error = a.error ? encodeError(a.error) : null;
    this.schedule();
  }

  /** Records a call's value (computed, cached or replayed): what a resume replays. */
  finishCall(runId: string, c: CallEnd): void {
    const patch = this.callPatch(runId, c.callId);
    patch.state = c.state;
    patch.endedAt = c.at;
    patch.runSeconds = c.runSeconds;
    patch.usd = c.usd;
    patch.joules = c.joules;
    patch.result = c.result;
    if (c.endpoint !== undefined) patch.endpoint = c.endpoint;
    this.schedule();
  }

  /** Records a call that failed for good. */
  failCall(runId: string, c: CallFailure): void {
    Object.assign(this.callPatch(runId, c.callId), { state: 'failed', endedAt: c.at, error: encodeError(c.error) });
    this.schedule();
  }

  /** Appends an event to a run's log. */
  recordEvent(runId: string, e: EventRecord): void {
    this.batch.event([runId, e.callId ?? null, e.at, e.type, encodeJson(e.data)]);
    this.schedule();
  }

  /** Memoizes a `@remote({ cache: true })` result by task and arguments. */
  cachePut(fnKey: string, argsHash: string, result: Buffer, at: number): void {
    this.queue((b) => b.op((s) => s.cachePut(fnKey, argsHash, result, at)));
  }

  /**
   * Runs `op` inside the next group commit: for a store that keeps its
   * tables in the journal's database (the profile store), so its row commits
   * with the state change it belongs to.
   *
   * @example
   * ```ts
   * journal.write(() => profiles.record(attempt));
   * ```
   */
  write(op: () => void): void {
    this.queue((b) => b.op(() => op()));
  }

  /** Calls `done` once every write queued so far has committed (or failed). */
  afterCommit(done: JournalWaiter): void {
    this.waiters.push(done);
    this.schedule();
  }

  /** Commits everything queued now, the rows of unsent calls included. */
  flush(): void {
    this.commitQueued(false);
  }

  // The group commit: a new call not yet sent to an endpoint stays queued until it has waited holdUnsentMs.
  private commitQueued(holdUnsent: boolean): void {
    if (this.immediate !== undefined) clearImmediate(this.immediate);
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.immediate = this.timer = undefined;
    // A flush writes every held row: nothing is left for the held rows' timer.
    if (!holdUnsent) {
      clearTimeout(this.heldTimer);
      this.heldTimer = undefined;
    }
    const now = Date.now();
    const cutoff = holdUnsent ? now - this.pacing.holdUnsentMs : Infinity;
    this.held.takeDue(this.carryDue, cutoff);
    const batch = this.batch;
    const waiters = this.waiters;
    this.batch = new WriteBatch();
    this.waiters = [];
    let failure: Error | undefined;
    let held: CallPatch[] = [];
    if (!batch.empty) {
      try {
        this.refreshSecrets();
        // A call stamped ahead of the clock (a caller's own times) is written at once: held rows are due within holdUnsentMs.
        held = this.commit(batch, holdUnsent ? (c) => c.insert!.submittedAt > cutoff && c.insert!.submittedAt <= now && UNSENT.has(c.state ?? 'waiting') : undefined);
      } catch (error) {
        failure = new JournalError(this.path, `could not record state: ${(error as Error).message}`, { cause: error });
      }
    }
    this.lastWrites = batch.writes - held.length;
    for (const c of held) this.held.add(c);
    this.armHeldTimer();
    for (const w of waiters) w(failure);
  }

  // A pending timer stays: rows held after it are younger, so it is due first.
  private armHeldTimer(): void {
    if (this.heldTimer !== undefined) return;
    const oldest = this.held.oldest();
    if (oldest !== undefined) this.heldTimer = setTimeout(this.heldDue, Math.max(0, oldest + this.pacing.holdUnsentMs - Date.now()) + 1);
  }

  // A call's pending row: in this batch, held back from an earlier one, or new.
  private callPatch(runId: string, callId: string): CallPatch {
    const pending = this.batch.find(runId, callId);
    if (pending) return pending;
    const held = this.held.take(runId, callId);
    if (held) this.batch.carry(held);
    return held ?? this.batch.call(runId, callId);
  }

  private queue(add: (batch: WriteBatch) => void): void {
    add(this.batch);
    this.schedule();
  }

  private refreshSecrets(): void {
    const secrets = secretValues();
    // A secret may reach a row JSON-escaped (an error message inside event data).
    this.secrets = [...new Set([...secrets, ...secrets.map((x) => JSON.stringify(x).slice(1, -1))])];
  }

  private schedule(): void {
    if (this.immediate !== undefined || this.timer !== undefined) {
      // A waiting commit that has gathered enough goes at the next turn.
      if (this.timer !== undefined && this.batch.writes >= this.pacing.maxWrites) {
        clearTimeout(this.timer);
        this.timer = undefined;
        this.immediate = setImmediate(this.commitDue);
      }
      return;
    }
    const delay = commitDelay(this.pacing, this.lastWrites);
    if (delay === 0) this.immediate = setImmediate(this.commitDue);
    else this.timer = setTimeout(this.commitDue, delay);
  }

  // Reads: always see committed state, so flush first; a damaged page read, or a row of an unexpected shape, names the file.
  private read<T>(table: RowTable, sql: string, ...params: unknown[]): T[] {
    this.flush();
    let rows: unknown[];
    try {
      rows = this.db.prepare(sql).all(...params);
    } catch (error) {
      throw explainJournalError(this.path, error);
    }
    return readRows(this.path, table, rows) as T[];
  }

  /**
   * Rows of one of the journal's tables for a module that keeps its queries
   * beside its records (data moves): committed state, each row checked like
   * the journal's own, a SQLite failure as a JournalError naming the file.
   *
   * @example
   * ```ts
   * journal.select<{ bytes: number }>('data_moves', 'SELECT from_site, to_site, bytes, seconds FROM data_moves WHERE run_id = ?', runId);
   * ```
   */
  select<T>(table: RowTable, sql: string, ...params: unknown[]): T[] {
    return this.read<T>(table, sql, ...params);
  }

  /** Whether the file has `table` (a read-only journal of an older corral may lack the newer ones). */
  hasTable(table: string): boolean {
    try {
      return this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
    } catch (error) {
      throw explainJournalError(this.path, error);
    }
  }

  getRun(id: string): RunRow | undefined {
    return this.read<RunRow>('runs', 'SELECT * FROM runs WHERE id = ?', id)[0];
  }

  listRuns(limit = 50): RunRow[] {
    return this.read<RunRow>('runs', 'SELECT id, workflow, module, export_name, method, status, started_at, ended_at, error, resumes FROM runs ORDER BY started_at DESC, id DESC LIMIT ?', limit);
  }

  /**
   * Every call row of a run, from every execution (a resumed run has the rows
   * of each); `attempts` counts the attempts that started.
   */
  calls(runId: string): CallRow[] {
    return this.read<CallRow & { started_attempts: number; key_hash?: number | null }>('calls', `SELECT c.*, (SELECT COUNT(*) FROM attempts a WHERE a.run_id = c.run_id AND a.call_id = c.call_id) AS started_attempts
      FROM calls c WHERE c.run_id = ? ORDER BY c.seq`, runId).map(({ started_attempts, key_hash: _, ...row }) => ({ ...row, attempts: started_attempts }));
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
    const first = startOfLatestExecution(this.read<EventRow>('events', 'SELECT * FROM events WHERE run_id = ? AND type = ? ORDER BY id', runId, RESUMED_EVENT));
    return this.calls(runId).filter((c) => c.seq >= first);
  }

  attempts(runId: string): AttemptRow[] {
    return this.read<AttemptRow>('attempts', 'SELECT * FROM attempts WHERE run_id = ? ORDER BY call_id, attempt', runId);
  }

  /**
   * A run's event log: the rows of `events` in the order they were written,
   * merged by time with the `task:ready` and `task:done` of each call, which
   * its calls row keeps (id 0: they have no event row of their own).
   */
  events(runId: string): EventRow[] {
    const stored = this.read<EventRow>('events', 'SELECT * FROM events WHERE run_id = ? ORDER BY id', runId);
    if (!this.hasCallsReadyAt()) return stored;
    return mergeByTime(stored, callEvents(runId, this.read<CallEventRow>('calls (events)', CALL_EVENTS_SQL, runId)));
  }

  // A read-only journal of an older corral has no ready_at: its events rows hold every task:ready and task:done.
  private hasCallsReadyAt(): boolean {
    this.readyAtColumn ??= this.db.prepare("SELECT 1 FROM pragma_table_info('calls') WHERE name = 'ready_at'").get() !== undefined;
    return this.readyAtColumn;
  }

  /** Finished calls of a run with this key, oldest first (for replay on resume). */
  doneCallsByKey(runId: string, callKey: string): Array<{ callId: string; result: Buffer | null }> {
    return this.stmt.doneByKey(runId, callKey);
  }

  /**
   * The highest occurrence number among the committed call keys of a run that
   * start with `prefix` (`task:argsHash:`) and belong to the execution that
   * began at call `fromSeq`; 0 when there is none. Reads committed rows only,
   * without flushing: the caller counts the calls whose rows are still queued.
   */
  lastOccurrence(runId: string, prefix: string, fromSeq: number): number {
    // Every occurrence's key hashes as its prefix does; ';' follows ':' in code order, so the range is exactly the keys that start with the prefix.
    this.lastOccurrenceStatement ??= this.db.prepare<[number, number, string, string, string, number], { n: number | null }>(
      `SELECT MAX(CAST(substr(call_key, ?) AS INTEGER)) AS n FROM calls INDEXED BY calls_by_key_hash
        WHERE key_hash = ? AND run_id = ? AND call_key >= ? AND call_key < ? AND seq >= ?`);
    const row = this.lastOccurrenceStatement.get(prefix.length + 1, callKeyHash(prefix), runId, prefix, `${prefix.slice(0, -1)};`, fromSeq);
    return row?.n ?? 0;
  }

  /** Marks the calls a killed run left unfinished, and returns the next free call sequence number. */
  prepareResume(runId: string): number {
    this.flush();
    const firstSeq = this.stmt.maxSeq(runId) + 1;
    this.refreshSecrets();
    this.db.transaction(() => {
      const s = this.stmt;
      s.abandonCalls(runId, INTERRUPTED_ERROR);
      s.resumeRun(runId);
      s.insertEvents([[runId, null, Date.now(), RESUMED_EVENT, resumeEvent(firstSeq)]]);
    })();
    return firstSeq;
  }

  cacheGet(fnKey: string, argsHash: string): { value: unknown } | undefined {
    const row = this.stmt.cacheGet(fnKey, argsHash);
    return row ? { value: decodeValue(row.result) } : undefined;
  }

  close(): void {
    this.flush();
    if (this.db.open) this.db.close();
  }
}
