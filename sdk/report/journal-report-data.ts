import { Journal, UnknownRunError, dataSummary, journalPath, parseDependsOn, parseStoredError, parseStoredJson } from '../runtime/index.js';
import type { AttemptRow, CallRow, RunRow } from '../runtime/index.js';
import { redactSecrets } from '../secrets/index.js';
import type { ReportAttempt, ReportCall, ReportCallState, ReportEndpoint, RunReportData } from './report-data.js';

/**
 * The data of a run report, read from the journal.
 *
 * @example
 * ```ts
 * const journal = Journal.open('.corral/corral.db');
 * const data = reportDataFromJournal(journal, 'r-20261123-214501-3fa9c2');
 * ```
 */
export function reportDataFromJournal(journal: Journal, runId: string): RunReportData {
  const run = journal.getRun(runId);
  if (!run) throw new UnknownRunError(journal.path, runId);
  const config = parseStoredJson<{ policy?: string; endpointList?: ReportEndpoint[] }>(run.config) ?? {};
  const budget = parseStoredJson<{ usd?: number; joules?: number; deadlineS?: number }>(run.budget);
  // A resumed run reports its latest execution: each call once.
  const calls = journal.currentCalls(runId);
  const attempts = new Map<string, AttemptRow[]>();
  for (const a of journal.attempts(runId)) {
    const list = attempts.get(a.call_id) ?? [];
    list.push(a);
    attempts.set(a.call_id, list);
  }
  const used = new Set<string>();
  const reportCalls = calls.map((c) => toCall(c, (attempts.get(c.call_id) ?? []).sort((x, y) => x.attempt - y.attempt), used));
  const known = config.endpointList ?? [];
  const endpoints = [...known, ...[...used].filter((n) => !known.some((e) => e.name === n)).map((name) => ({ name, kind: 'unknown' }))];
  const federated = federatedOf(journal, runId);
  const data = dataSummary(journal, runId);
  return {
    run: {
      id: run.id, workflow: run.workflow, startedAt: run.started_at, ...(run.ended_at ? { endedAt: run.ended_at } : {}),
      outcome: outcomeOf(run), ...(run.error ? { error: redactSecrets(run.error) } : {}),
      ...(budget ? { budget: { usd: budget.usd, joules: budget.joules, deadlineS: budget.deadlineS } } : {}),
      ...(config.policy ? { policy: config.policy } : {}),
    },
    endpoints,
    calls: reportCalls,
    edges: calls.flatMap((c) => parseDependsOn(c.depends_on).map((from) => ({ from, to: c.call_id }))),
    ...(federated ? { federated } : {}),
    ...(data.moved.length > 0 ? { data } : {}),
  };
}

/**
 * Opens the journal, reads one run's report data and closes it.
 *
 * @example
 * ```ts
 * const data = loadReportData('r-20261123-214501-3fa9c2');
 * await writeFile('report.html', await renderReport(data));
 * ```
 */
export function loadReportData(runId: string, path?: string): RunReportData {
  const journal = Journal.openReadOnly(journalPath(path));
  try {
    return reportDataFromJournal(journal, runId);
  } finally {
    journal.close();
  }
}

function outcomeOf(run: RunRow): RunReportData['run']['outcome'] {
  return run.status === 'done' ? 'succeeded' : run.status === 'failed' ? 'failed' : 'running';
}

function toCall(c: CallRow, rows: AttemptRow[], used: Set<string>): ReportCall {
  const list: ReportAttempt[] = rows.map((a) => {
    used.add(a.endpoint);
    const error = parseStoredError(a.error);
    return {
      attempt: a.attempt, endpoint: a.endpoint,
      outcome: a.state === 'done' ? 'succeeded' : a.state === 'failed' ? 'failed' : a.state === 'running' ? 'running' : 'cancelled',
      ...(error ? { failure: error.failure ?? 'error', error: { name: error.name, message: error.message }, ...(error.logRef ? { logRef: error.logRef } : {}) } : {}),
      queuedAt: a.submitted_at, ...(a.started_at ? { startedAt: a.started_at } : {}), ...(a.ended_at ? { endedAt: a.ended_at } : {}),
      ...(a.usd !== null ? { cost: { seconds: a.run_seconds ?? ((a.ended_at ?? a.submitted_at) - (a.started_at ?? a.submitted_at)) / 1000, usd: a.usd, joules: a.joules ?? 0 } } : {}),
    };
  });
  let failovers = 0;
  for (let i = 1; i < list.length; i++) if (list[i]!.endpoint !== list[i - 1]!.endpoint) failovers++;
  return {
    callId: c.call_id, taskId: c.task_id, ...(c.endpoint ? { endpoint: c.endpoint } : {}), state: c.state as ReportCallState,
    attempts: list,
    ...(c.predicted_seconds !== null ? { predicted: { seconds: c.predicted_seconds, usd: c.predicted_usd ?? 0, joules: c.predicted_joules ?? 0 } } : {}),
    ...(c.run_seconds !== null && c.state === 'done' ? { actual: { seconds: c.run_seconds, usd: c.usd ?? 0, joules: c.joules ?? 0 } } : {}),
    retries: Math.max(0, list.length - 1), failovers, preemptions: list.filter((a) => a.failure === 'preempted').length,
  };
}


function federatedOf(journal: Journal, runId: string): RunReportData['federated'] {
  const parsed = journal.events(runId).filter((e) => e.type === 'fl:round')
    .map((e) => parseStoredJson<{ round: number; metrics?: Record<string, number>; clientSeconds?: Record<string, number>; strategy?: string }>(e.data))
    .filter((r) => r !== undefined);
  if (parsed.length === 0) return undefined;
  return {
    strategy: parsed[0]?.strategy,
    rounds: parsed.map((r) => ({ round: r.round, accuracy: r.metrics?.accuracy, loss: r.metrics?.loss })),
    clientTimes: parsed.flatMap((r) => Object.entries(r.clientSeconds ?? {}).map(([client, seconds]) => ({ round: r.round, client, seconds }))),
  };
}
