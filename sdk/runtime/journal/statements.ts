import type Database from 'better-sqlite3';
import { callKeyHash, insertChunkEnd, multiRowInsertSql } from '../../database/index.js';
import { redactArguments } from './redact-arguments.js';
import type { AttemptPatch, CallPatch, EventValues } from './write-batch.js';

const CALL_COLUMNS = ['run_id', 'call_id', 'seq', 'task_id', 'state', 'depends_on', 'submitted_at', 'call_key', 'endpoint', 'attempts',
  'predicted_seconds', 'predicted_usd', 'predicted_joules', 'started_at', 'ended_at', 'run_seconds', 'usd', 'joules', 'result', 'error', 'ready_at', 'key_hash'];
const ATTEMPT_COLUMNS = ['run_id', 'call_id', 'attempt', 'endpoint', 'state', 'submitted_at', 'started_at', 'ended_at', 'queue_seconds',
  'run_seconds', 'cold_start_seconds', 'usd', 'joules', 'error'];
const EVENT_COLUMNS = ['run_id', 'call_id', 'at', 'type', 'data'];

const n = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

// The fields a call patch may set, with the assignment each makes; started_at keeps the first time it was set; a call key comes with its hash.
const CALL_UPDATES: ReadonlyArray<readonly [keyof CallPatch, string]> = [
  ['state', 'state = ?'], ['callKey', 'call_key = ?, key_hash = ?'], ['readyAt', 'ready_at = ?'], ['endpoint', 'endpoint = ?'], ['attempts', 'attempts = ?'],
  ['predictedSeconds', 'predicted_seconds = ?'], ['predictedUsd', 'predicted_usd = ?'], ['predictedJoules', 'predicted_joules = ?'],
  ['startedAt', 'started_at = COALESCE(started_at, ?)'], ['endedAt', 'ended_at = ?'], ['runSeconds', 'run_seconds = ?'], ['usd', 'usd = ?'],
  ['joules', 'joules = ?'], ['result', 'result = ?'], ['error', 'error = ?'],
];

const CALL_KEY_UPDATE = CALL_UPDATES.findIndex(([field]) => field === 'callKey');

function callValues(c: CallPatch, out: unknown[]): void {
  const i = c.insert!;
  out.push(c.runId, c.callId, i.seq, i.taskId, c.state ?? 'waiting', i.dependsOn, i.submittedAt, n(c.callKey), n(c.endpoint), c.attempts ?? 0,
    n(c.predictedSeconds), n(c.predictedUsd), n(c.predictedJoules), n(c.startedAt), n(c.endedAt), n(c.runSeconds), n(c.usd), n(c.joules), n(c.result), n(c.error), n(c.readyAt),
    c.callKey === undefined ? null : callKeyHash(c.callKey));
}

function attemptValues(a: AttemptPatch, out: unknown[]): void {
  const i = a.insert!;
  out.push(a.runId, a.callId, a.attempt, i.endpoint, a.state, i.submittedAt, n(a.startedAt), n(a.endedAt), n(a.queueSeconds),
    n(a.runSeconds), n(a.coldStartSeconds), n(a.usd), n(a.joules), n(a.error));
}

function eventValues(e: EventValues, out: unknown[]): void {
  out.push(e[0], e[1], e[2], e[3], e[4]);
}

/**
 * The journal's prepared statements, private to it: every parameter passes
 * through the redaction of the environment's secrets (`secrets()` is read at
 * each write, as the journal refreshes it per group commit).
 */
export function prepareStatements(db: Database.Database, secrets: () => readonly string[]) {
  const prepared = new Map<string, Database.Statement>();
  const statement = (sql: string): Database.Statement => {
    let s = prepared.get(sql);
    if (!s) prepared.set(sql, (s = db.prepare(sql)));
    return s;
  };
  // Positional parameters go as one array (no spread of a multi-row insert's hundreds of values); a named one as its object.
  const run = (sql: string, args: unknown[]) => statement(sql).run(redactArguments(args, secrets()));
  const runNamed = (sql: string, row: Record<string, unknown>) => statement(sql).run(redactArguments([row], secrets())[0]);
  // One UPDATE text per set of fields a patch sets: a column it leaves alone is not written (nor its index touched).
  const callUpdates = new Map<number, string>();
  const updateCall = (c: CallPatch) => {
    let mask = 0;
    const args: unknown[] = [];
    for (let k = 0; k < CALL_UPDATES.length; k++) {
      const v = c[CALL_UPDATES[k]![0]];
      if (v !== undefined) {
        mask |= 1 << k;
        args.push(v);
        if (k === CALL_KEY_UPDATE) args.push(callKeyHash(v as string));
      }
    }
    if (mask === 0) return;
    let sql = callUpdates.get(mask);
    if (!sql) {
      const set = CALL_UPDATES.filter((_, k) => mask & (1 << k)).map(([, assign]) => assign).join(', ');
      callUpdates.set(mask, (sql = `UPDATE calls SET ${set} WHERE run_id = ? AND call_id = ?`));
    }
    args.push(c.runId, c.callId);
    run(sql, args);
  };
  const insertMany = <T>(table: string, columns: readonly string[], rows: readonly T[], values: (row: T, out: unknown[]) => void) => {
    for (let at = 0, end = 0; at < rows.length; at = end) {
      end = insertChunkEnd(at, rows.length);
      // Each row's values go straight into the statement's one list: no array per row, no flattening.
      const args: unknown[] = [];
      for (let i = at; i < end; i++) values(rows[i]!, args);
      run(multiRowInsertSql(table, columns, end - at), args);
    }
  };
  return {
    insertRun: (r: Record<string, unknown>) => runNamed(`INSERT INTO runs (id, workflow, module, export_name, method, args, config, budget, status, started_at)
      VALUES (@id, @workflow, @module, @exportName, @method, @args, @config, @budget, @status, @startedAt)`, r),
    finishRun: (runId: string, status: string, at: number, error: string | null, result: Buffer | null) =>
      run('UPDATE runs SET status = ?, ended_at = ?, error = ?, result = ? WHERE id = ?', [status, at, error, result, runId]),
    resumeRun: (runId: string) => run("UPDATE runs SET status = 'running', ended_at = NULL, error = NULL, resumes = resumes + 1 WHERE id = ?", [runId]),
    abandonCalls: (runId: string, error: string) =>
      run("UPDATE calls SET state = 'cancelled', error = ? WHERE run_id = ? AND state NOT IN ('done', 'failed', 'cached', 'replayed', 'cancelled')", [error, runId]),
    cachePut: (fnKey: string, argsHash: string, result: Buffer, at: number) =>
      run('INSERT OR REPLACE INTO cache (fn_key, args_hash, result, created_at) VALUES (?, ?, ?, ?)', [fnKey, argsHash, result, at]),
    insertCalls: (rows: readonly CallPatch[]) => insertMany('calls', CALL_COLUMNS, rows, callValues),
    // Each column keeps its stored value unless the patch sets it.
    updateCall,
    insertAttempts: (rows: readonly AttemptPatch[]) => insertMany('attempts', ATTEMPT_COLUMNS, rows, attemptValues),
    updateAttempt: (a: AttemptPatch) => run(`UPDATE attempts SET state = ?, started_at = ?, ended_at = ?, queue_seconds = ?, run_seconds = ?,
      cold_start_seconds = ?, usd = ?, joules = ?, error = ? WHERE run_id = ? AND call_id = ? AND attempt = ?`,
    [a.state, n(a.startedAt), n(a.endedAt), n(a.queueSeconds), n(a.runSeconds), n(a.coldStartSeconds), n(a.usd), n(a.joules), n(a.error), a.runId, a.callId, a.attempt]),
    insertEvents: (rows: readonly EventValues[]) => insertMany('events', EVENT_COLUMNS, rows, eventValues),
    doneByKey: (runId: string, callKey: string) => statement(`SELECT call_id AS callId, result FROM calls INDEXED BY calls_by_key_hash
      WHERE key_hash = ? AND run_id = ? AND call_key = ? AND state IN ('done', 'cached', 'replayed') ORDER BY seq`)
      .all(callKeyHash(callKey), runId, callKey) as Array<{ callId: string; result: Buffer | null }>,
    maxSeq: (runId: string) => (statement('SELECT COALESCE(MAX(seq), 0) AS seq FROM calls WHERE run_id = ?').get(runId) as { seq: number }).seq,
    cacheGet: (fnKey: string, argsHash: string) => statement('SELECT result FROM cache WHERE fn_key = ? AND args_hash = ?').get(fnKey, argsHash) as { result: Buffer } | undefined,
  };
}

/** The journal's statements (see {@link prepareStatements}). */
export type JournalStatements = ReturnType<typeof prepareStatements>;
