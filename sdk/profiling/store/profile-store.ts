import Database from 'better-sqlite3';
import type { HardwareDescription } from '../../endpoints/index.js';
import type { ObservedRun } from '../predictor.js';
import type { ColdStartSample } from '../transfer/cold-start-model.js';
import { insertChunkEnd, migrateDatabase, multiRowInsertSql, openCorralDatabase } from '../../database/index.js';

/** One finished attempt as the profile store keeps it (seconds, bytes; epoch ms). */
export interface ProfileAttempt {
  readonly taskId: string;
  /** Hash of the task's code bundle, so a changed task does not inherit old profiles. */
  readonly bundleHash?: string;
  readonly endpoint: string;
  readonly runId?: string;
  readonly callId?: string;
  readonly attempt?: number;
  /** From `@remote({ features })`, else argument byte sizes. */
  readonly features: Readonly<Record<string, number>>;
  readonly queueSeconds?: number;
  readonly transferInBytes?: number;
  readonly transferOutBytes?: number;
  readonly transferInSeconds?: number;
  readonly transferOutSeconds?: number;
  readonly coldStartSeconds?: number;
  readonly runSeconds?: number;
  readonly cpuSeconds?: number;
  readonly peakMemoryBytes?: number;
  readonly outcome: 'ok' | 'error';
  readonly failure?: string;
  readonly recordedAt?: number;
}

/** Per-endpoint figures of one task. */
export interface EndpointProfileSummary {
  readonly endpoint: string;
  readonly attempts: number;
  readonly ok: number;
  readonly meanRunSeconds: number | null;
  readonly minRunSeconds: number | null;
  readonly maxRunSeconds: number | null;
  readonly meanQueueSeconds: number | null;
  readonly meanColdStartSeconds: number | null;
}

/** What is known about an endpoint: hardware and the cached calibration score. */
export interface EndpointProfile {
  readonly endpoint: string;
  readonly hardware: HardwareDescription;
  readonly transferGroup?: string;
  /** Iterations/s of corral's calibration kernel, once measured. */
  readonly calibration?: number;
  readonly calibratedAt?: number;
}

interface AttemptRow {
  task_id: string; bundle_hash: string | null; endpoint: string; run_id: string | null; call_id: string | null; attempt: number | null;
  features: string; queue_s: number | null; transfer_in_bytes: number | null; transfer_out_bytes: number | null;
  transfer_in_s: number | null; transfer_out_s: number | null; cold_start_s: number | null; run_s: number | null;
  cpu_s: number | null; peak_memory_bytes: number | null; outcome: 'ok' | 'error'; failure: string | null; recorded_at: number;
}

/**
 * The profile store: one row per finished attempt, and one per endpoint with
 * its hardware and calibration, in `profile_*` tables of a SQLite database
 * (the session's journal database, or any other).
 *
 * @example
 * ```ts
 * const store = new ProfileStore(corral.journal.db);
 * store.record({ taskId: 'Images.thumbnail', endpoint: 'laptop', features: { bytes: 1e6 }, runSeconds: 0.21, outcome: 'ok' });
 * store.summary('Images.thumbnail'); // [{ endpoint: 'laptop', attempts: 1, ok: 1, meanRunSeconds: 0.21, ... }]
 * ```
 */
export class ProfileStore {
  private readonly inserts = new Map<number, Database.Statement>();

  constructor(readonly db: Database.Database) {
    // Its tables are part of corral's one schema (sdk/database/schema.ts).
    migrateDatabase(db);
  }

  /**
   * Opens (or creates) a database file of its own, in WAL mode.
   *
   * @example
   * ```ts
   * const store = ProfileStore.open('.corral/corral.db');
   * ```
   */
  static open(file: string): ProfileStore {
    return new ProfileStore(openCorralDatabase(file));
  }

  /** Records one finished attempt (one transaction); returns its row id. */
  record(a: ProfileAttempt): number {
    const values: unknown[] = [];
    pushAttemptValues(a, values);
    return Number(this.insertOf(1).run(values).lastInsertRowid);
  }

  /**
   * Records finished attempts in a few multi-row statements: what the runtime
   * does once per group commit of its journal, for all the attempts that
   * ended in that turn. Call it inside a transaction to make them one.
   *
   * @example
   * ```ts
   * store.recordMany([{ taskId: 'T', endpoint: 'laptop', features: {}, runSeconds: 0.2, outcome: 'ok' }]);
   * ```
   */
  recordMany(attempts: readonly ProfileAttempt[]): void {
    for (let at = 0, end = 0; at < attempts.length; at = end) {
      end = insertChunkEnd(at, attempts.length);
      // Every row's values straight into the statement's one list: no array per row, no flattening.
      const values: unknown[] = [];
      for (let i = at; i < end; i++) pushAttemptValues(attempts[i]!, values);
      this.insertOf(end - at).run(values);
    }
  }

  private insertOf(rows: number): Database.Statement {
    let s = this.inserts.get(rows);
    if (!s) this.inserts.set(rows, (s = this.db.prepare(multiRowInsertSql('profile_attempts', ATTEMPT_COLUMNS, rows))));
    return s;
  }

  /** Attempts of a task, oldest first, optionally on one endpoint or with one outcome. */
  attempts(taskId: string, filter: { endpoint?: string; outcome?: 'ok' | 'error' } = {}): ProfileAttempt[] {
    const rows = this.db.prepare(`SELECT * FROM profile_attempts WHERE task_id = ?
      AND (? IS NULL OR endpoint = ?) AND (? IS NULL OR outcome = ?) ORDER BY id`)
      .all(taskId, filter.endpoint ?? null, filter.endpoint ?? null, filter.outcome ?? null, filter.outcome ?? null) as AttemptRow[];
    return rows.map(fromRow);
  }

  /** Successful runs with a run time, as a predictor learns from them (all tasks when `taskId` is omitted). */
  observedRuns(taskId?: string): ObservedRun[] {
    const rows = this.db.prepare(`SELECT * FROM profile_attempts WHERE outcome = 'ok' AND run_s IS NOT NULL AND (? IS NULL OR task_id = ?) ORDER BY id`)
      .all(taskId ?? null, taskId ?? null) as AttemptRow[];
    return rows.map((r) => ({
      taskId: r.task_id, endpoint: r.endpoint, features: JSON.parse(r.features) as Record<string, number>, runSeconds: r.run_s!,
      queueSeconds: r.queue_s ?? undefined, coldStartSeconds: r.cold_start_s ?? undefined,
      transferInBytes: r.transfer_in_bytes ?? undefined, transferOutBytes: r.transfer_out_bytes ?? undefined, outcome: 'ok' as const,
    }));
  }

  /** Mean measured cold start (first import of a task on a worker) per endpoint and task, as the cold start model fits them. */
  coldStarts(): ColdStartSample[] {
    return this.db.prepare(`SELECT endpoint, task_id AS package, AVG(cold_start_s) AS seconds FROM profile_attempts
      WHERE cold_start_s > 0 GROUP BY endpoint, task_id`).all() as ColdStartSample[];
  }

  /** Task ids with at least one recorded attempt, with their attempt counts. */
  tasks(): { taskId: string; attempts: number; endpoints: number }[] {
    return this.db.prepare(`SELECT task_id AS taskId, COUNT(*) AS attempts, COUNT(DISTINCT endpoint) AS endpoints
      FROM profile_attempts GROUP BY task_id ORDER BY task_id`).all() as { taskId: string; attempts: number; endpoints: number }[];
  }

  /** Per-endpoint counts and mean times of one task. */
  summary(taskId: string): EndpointProfileSummary[] {
    return this.db.prepare(`SELECT endpoint, COUNT(*) AS attempts, SUM(outcome = 'ok') AS ok,
        AVG(CASE WHEN outcome = 'ok' THEN run_s END) AS meanRunSeconds, MIN(CASE WHEN outcome = 'ok' THEN run_s END) AS minRunSeconds,
        MAX(CASE WHEN outcome = 'ok' THEN run_s END) AS maxRunSeconds, AVG(queue_s) AS meanQueueSeconds, AVG(cold_start_s) AS meanColdStartSeconds
      FROM profile_attempts WHERE task_id = ? GROUP BY endpoint ORDER BY endpoint`).all(taskId) as EndpointProfileSummary[];
  }

  /** Saves (or updates) an endpoint's hardware; keeps a calibration already measured unless a new one is given. */
  saveEndpoint(p: { endpoint: string; hardware: HardwareDescription; transferGroup?: string; calibration?: number }): void {
    this.db.prepare(`INSERT INTO profile_endpoints (endpoint, hardware, transfer_group, calibration_iter_per_s, calibrated_at)
      VALUES (@endpoint, @hardware, @tg, @cal, @at)
      ON CONFLICT(endpoint) DO UPDATE SET hardware = excluded.hardware, transfer_group = excluded.transfer_group,
        calibration_iter_per_s = COALESCE(excluded.calibration_iter_per_s, calibration_iter_per_s),
        calibrated_at = COALESCE(excluded.calibrated_at, calibrated_at)`)
      .run({ endpoint: p.endpoint, hardware: JSON.stringify(p.hardware), tg: p.transferGroup ?? null, cal: num(p.calibration), at: p.calibration === undefined ? null : Date.now() });
  }

  /** What the store knows about an endpoint, or undefined. */
  endpoint(name: string): EndpointProfile | undefined {
    const r = this.db.prepare('SELECT * FROM profile_endpoints WHERE endpoint = ?').get(name) as EndpointRow | undefined;
    return r ? endpointFromRow(r) : undefined;
  }

  /** Every endpoint the store knows, by name. */
  endpoints(): EndpointProfile[] {
    return (this.db.prepare('SELECT * FROM profile_endpoints ORDER BY endpoint').all() as EndpointRow[]).map(endpointFromRow);
  }
}

const ATTEMPT_COLUMNS = ['task_id', 'bundle_hash', 'endpoint', 'run_id', 'call_id', 'attempt', 'features', 'queue_s', 'transfer_in_bytes',
  'transfer_out_bytes', 'transfer_in_s', 'transfer_out_s', 'cold_start_s', 'run_s', 'cpu_s', 'peak_memory_bytes', 'outcome', 'failure', 'recorded_at'];

/** Appends an attempt's row to `out`, in the order of ATTEMPT_COLUMNS. */
function pushAttemptValues(a: ProfileAttempt, out: unknown[]): void {
  out.push(a.taskId, a.bundleHash ?? null, a.endpoint, a.runId ?? null, a.callId ?? null, a.attempt ?? null, JSON.stringify(finiteOnly(a.features)),
    num(a.queueSeconds), num(a.transferInBytes), num(a.transferOutBytes), num(a.transferInSeconds), num(a.transferOutSeconds),
    num(a.coldStartSeconds), num(a.runSeconds), num(a.cpuSeconds), num(a.peakMemoryBytes), a.outcome, a.failure ?? null, a.recordedAt ?? Date.now());
}

interface EndpointRow { endpoint: string; hardware: string; transfer_group: string | null; calibration_iter_per_s: number | null; calibrated_at: number | null }

function endpointFromRow(r: EndpointRow): EndpointProfile {
  return {
    endpoint: r.endpoint, hardware: JSON.parse(r.hardware) as HardwareDescription, transferGroup: r.transfer_group ?? undefined,
    calibration: r.calibration_iter_per_s ?? undefined, calibratedAt: r.calibrated_at ?? undefined,
  };
}

function fromRow(r: AttemptRow): ProfileAttempt {
  return {
    taskId: r.task_id, bundleHash: r.bundle_hash ?? undefined, endpoint: r.endpoint, runId: r.run_id ?? undefined, callId: r.call_id ?? undefined,
    attempt: r.attempt ?? undefined, features: JSON.parse(r.features) as Record<string, number>, queueSeconds: r.queue_s ?? undefined,
    transferInBytes: r.transfer_in_bytes ?? undefined, transferOutBytes: r.transfer_out_bytes ?? undefined,
    transferInSeconds: r.transfer_in_s ?? undefined, transferOutSeconds: r.transfer_out_s ?? undefined,
    coldStartSeconds: r.cold_start_s ?? undefined, runSeconds: r.run_s ?? undefined, cpuSeconds: r.cpu_s ?? undefined,
    peakMemoryBytes: r.peak_memory_bytes ?? undefined, outcome: r.outcome, failure: r.failure ?? undefined, recordedAt: r.recorded_at,
  };
}

function num(v: number | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function finiteOnly(f: Readonly<Record<string, number>>): Readonly<Record<string, number>> {
  // Almost always every feature is finite: then the object itself is written.
  let finite = true;
  for (const k in f) if (!Number.isFinite(f[k])) { finite = false; break; }
  if (finite) return f;
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(f)) if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  return out;
}
