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
