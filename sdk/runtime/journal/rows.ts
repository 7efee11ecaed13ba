import { z } from 'zod';
import { JournalError } from '../../database/index.js';
import { showValue } from '../../errors/index.js';

/** A run as the journal stores it. */
export interface RunRow {
  id: string;
  workflow: string;
  module: string | null;
  export_name: string | null;
  method: string | null;
  args?: Buffer | null;
  config?: string | null;
  budget?: string | null;
  status: 'running' | 'done' | 'failed';
  started_at: number;
  ended_at: number | null;
  error: string | null;
  resumes: number;
  result?: Buffer | null;
}

/** One call of a task in a run. */
export interface CallRow {
  run_id: string;
  call_id: string;
  seq: number;
  call_key: string | null;
  task_id: string;
  state: string;
  endpoint: string | null;
  attempts: number;
  depends_on: string;
  submitted_at: number;
  started_at: number | null;
  ended_at: number | null;
  predicted_seconds: number | null;
  predicted_usd: number | null;
  predicted_joules: number | null;
  run_seconds: number | null;
  usd: number | null;
  joules: number | null;
  result: Buffer | null;
  error: string | null;
  /** When its inputs were ready and it went to placement (absent in a file of an older corral). */
  ready_at?: number | null;
}

/** One attempt of a call on an endpoint. */
export interface AttemptRow {
  run_id: string;
  call_id: string;
  attempt: number;
  endpoint: string;
  state: string;
  submitted_at: number;
  started_at: number | null;
  ended_at: number | null;
  queue_seconds: number | null;
  run_seconds: number | null;
  cold_start_seconds: number | null;
  usd: number | null;
  joules: number | null;
  error: string | null;
}

/** One state change. */
export interface EventRow {
  id: number;
  run_id: string;
  call_id: string | null;
  at: number;
  type: string;
  data: string | null;
}

const text = z.string();
const maybeText = z.string().nullable();
const integer = z.number().int();
// Times are milliseconds since the epoch; an endpoint's timings may carry fractions.
const time = z.number();
const maybeNumber = z.number().nullable();
const maybeBlob = z.instanceof(Buffer).nullable();

// Rows of a file written by an older corral lack the columns added since (optional here); anything else out of shape is a foreign or damaged file.
const schemas = {
  runs: z.object({
    id: text, workflow: text, module: maybeText, export_name: maybeText, method: maybeText, args: maybeBlob.optional(), config: maybeText.optional(),
    budget: maybeText.optional(), status: z.enum(['running', 'done', 'failed']), started_at: time, ended_at: time.nullable(), error: maybeText,
    resumes: integer, result: maybeBlob.optional(),
  }),
  calls: z.object({
    run_id: text, call_id: text, seq: integer, call_key: maybeText, task_id: text, state: text, endpoint: maybeText, depends_on: text,
    submitted_at: time, started_at: time.nullable(), ended_at: time.nullable(), predicted_seconds: maybeNumber, predicted_usd: maybeNumber,
    predicted_joules: maybeNumber, run_seconds: maybeNumber, usd: maybeNumber, joules: maybeNumber, result: maybeBlob, error: maybeText,
    ready_at: time.nullable().optional(), key_hash: integer.nullable().optional(),
  }),
  // The columns of a call that tell its task:ready and task:done (Journal.events).
  'calls (events)': z.object({
    call_id: text, state: text, ready_at: time, ended_at: time.nullable(), endpoint: maybeText, attempts: integer, run_seconds: maybeNumber,
    usd: maybeNumber, joules: maybeNumber,
  }),
  attempts: z.object({
    run_id: text, call_id: text, attempt: integer, endpoint: text, state: text, submitted_at: time, started_at: time.nullable(),
    ended_at: time.nullable(), queue_seconds: maybeNumber, run_seconds: maybeNumber, cold_start_seconds: maybeNumber,
    usd: maybeNumber.optional(), joules: maybeNumber.optional(), error: maybeText,
  }),
  events: z.object({ id: integer, run_id: text, call_id: maybeText, at: time, type: text, data: maybeText }),
  // Readers select the columns they need: the transfer model reads only sites, bytes and seconds.
  data_moves: z.object({
    call_id: maybeText.optional(), ref_id: maybeText.optional(), from_site: text, to_site: text, bytes: z.number(), seconds: maybeNumber,
    via_client: integer.optional(),
  }),
} as const;

/** A table whose rows the journal reads back. */
export type RowTable = keyof typeof schemas;

/**
 * Checks rows read from `table` against the shape corral writes (a file may be
 * foreign, old or edited by hand) and returns them as they are; the first row
 * out of shape is a JournalError naming the table, the row, the field and the
 * bad value.
 *
 * @example
 * ```ts
 * const runs = readRows(path, 'runs', db.prepare('SELECT * FROM runs').all()) as RunRow[];
 * ```
 */
export function readRows(path: string, table: RowTable, rows: readonly unknown[]): unknown[] {
  const schema = schemas[table];
  for (let i = 0; i < rows.length; i++) {
    const checked = schema.safeParse(rows[i]);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      const field = issue.path.join('.');
      const value = (rows[i] as Record<string, unknown>)[String(issue.path[0])];
      throw new JournalError(path, `table ${table}, row ${i + 1} of the read: field "${field}" is ${showValue(value instanceof Buffer ? '<blob>' : value)}, which corral does not write (${issue.message}); the file is damaged or was not written by corral`);
    }
  }
  return rows as unknown[];
}
