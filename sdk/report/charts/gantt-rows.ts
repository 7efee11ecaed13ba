import type { ReportAttempt, RunReportData } from '../report-data.js';
import { makespanSeconds } from '../summarize.js';

/**
 * What a Gantt bar shows about its attempt's end.
 *
 * @example
 * ```ts
 * const lost = rows.filter((r) => r.status === 'preempted');
 * ```
 */
export type GanttStatus = 'succeeded' | 'failed' | 'preempted' | 'cancelled' | 'running';

/**
 * An event marked on the Gantt chart at the start of an attempt.
 *
 * @example
 * ```ts
 * const failovers = rows.filter((r) => r.marker === 'failover').length;
 * ```
 */
export type GanttMarker = 'retry' | 'failover';

/**
 * One bar of the Gantt chart: an attempt, in seconds from the run's start.
 *
 * @example
 * ```ts
 * const row: GanttRow = { endpoint: 'gpu', lane: 0, callId: 'c1', taskId: 'classify', attempt: 1, queuedS: 0, startS: 0.2, endS: 1.4, status: 'succeeded' };
 * ```
 */
export interface GanttRow {
  readonly endpoint: string;
  /** Row within the endpoint so that overlapping attempts do not hide each other. */
  readonly lane: number;
  readonly callId: string;
  readonly taskId: string;
  readonly attempt: number;
  readonly queuedS: number;
  readonly startS: number;
  readonly endS: number;
  readonly status: GanttStatus;
  readonly marker?: GanttMarker;
}

/**
 * Turns every attempt that reached an endpoint into a Gantt row. Attempts on the
 * same endpoint that overlap in time get different lanes (first free lane wins);
 * attempts still running end at the report's end.
 *
 * @example
 * ```ts
 * const rows = ganttRows(data);
 * const lanes = Math.max(...rows.map((r) => r.lane)) + 1;
 * ```
 */
export function ganttRows(data: RunReportData): GanttRow[] {
  const t0 = data.run.startedAt;
  const end = makespanSeconds(data);
  const rows: Omit<GanttRow, 'lane'>[] = [];
  for (const call of data.calls) {
    call.attempts.forEach((a, i) => {
      const startMs = a.startedAt ?? a.queuedAt;
      if (startMs === undefined) return;
      const startS = (startMs - t0) / 1000;
      const queuedS = a.queuedAt === undefined ? startS : Math.min(startS, (a.queuedAt - t0) / 1000);
      const endS = a.endedAt === undefined ? Math.max(end, startS) : (a.endedAt - t0) / 1000;
      const previous = i > 0 ? call.attempts[i - 1] : undefined;
      rows.push({
        endpoint: a.endpoint, callId: call.callId, taskId: call.taskId, attempt: a.attempt,
        queuedS, startS, endS, status: statusOf(a),
        ...(previous ? { marker: previous.endpoint === a.endpoint ? 'retry' : 'failover' } : {}),
      });
    });
  }
  return assignLanes(rows);
}

function statusOf(a: ReportAttempt): GanttStatus {
  if (a.outcome === 'failed' && a.failure === 'preempted') return 'preempted';
  return a.outcome;
}

function assignLanes(rows: Omit<GanttRow, 'lane'>[]): GanttRow[] {
  const laneEnds = new Map<string, number[]>();
  const sorted = [...rows].sort((a, b) => a.queuedS - b.queuedS || a.startS - b.startS);
  return sorted.map((row) => {
    const ends = laneEnds.get(row.endpoint) ?? [];
    laneEnds.set(row.endpoint, ends);
    let lane = ends.findIndex((e) => e <= row.queuedS);
    if (lane < 0) lane = ends.length;
    ends[lane] = row.endS;
    return { ...row, lane };
  });
}
