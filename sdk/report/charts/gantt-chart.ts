import type { TopLevelSpec } from 'vega-lite';
import { shortTaskName } from '../format.js';
import type { RunReportData } from '../report-data.js';
import { ganttRows } from './gantt-rows.js';
import type { ReportChart } from './report-chart.js';
import { CHART_CONFIG, OUTCOME_COLORS } from './theme.js';

const WIDTH = 760;

/**
 * The Gantt chart: one bar per attempt, one row per endpoint (split in lanes
 * when attempts overlap), the queue wait as a pale bar before it, retries and
 * failovers marked where the new attempt starts, preemptions coloured.
 *
 * @example
 * ```ts
 * const chart = ganttChart(data);
 * const svg = await chartToSvg(chart.spec);
 * ```
 */
export function ganttChart(data: RunReportData): ReportChart {
  // Attempts of a few milliseconds in a long run would be invisible: draw each at least ~2 px wide.
  const raw = ganttRows(data);
  const minWidthS = raw.reduce((m, r) => Math.max(m, r.endS), 0) * (2 / WIDTH);
  const rows = raw.map((r) => ({ ...r, drawEndS: Math.max(r.endS, r.startS + minWidthS) }));
  const lanes = rows.reduce((n, r) => Math.max(n, r.lane + 1), 1);
  const endpoints = [...new Set(rows.map((r) => r.endpoint))];
  const status = Object.keys(OUTCOME_COLORS);
  const spanS = rows.reduce((m, r) => Math.max(m, r.endS), 0) || 1;
  // A label only where it fits inside its bar (about 6 px per character at 9 px).
  const labels = rows.filter((r) => ((r.endS - r.startS) / spanS) * WIDTH > shortTaskName(r.taskId).length * 6 + 6)
    .map((r) => ({ ...r, label: shortTaskName(r.taskId) }));
  // Explicit domains: layers with their own filters would otherwise union conflicting sorts.
  const y = { field: 'endpoint', type: 'nominal', title: 'endpoint', scale: { domain: endpoints } } as const;
  const yOffset = { field: 'lane', type: 'ordinal', scale: { domain: Array.from({ length: lanes }, (_, i) => i) } } as const;
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    width: WIDTH,
    height: Math.max(80, Math.min(900, endpoints.length * lanes * 16)),
    data: { values: rows },
    layer: [
      {
        mark: { type: 'bar', color: '#b0bec5', opacity: 0.5 },
        encoding: { y, yOffset, x: { field: 'queuedS', type: 'quantitative', title: 'seconds since the run started' }, x2: { field: 'startS' } },
      },
      {
        mark: { type: 'bar', cornerRadius: 2 },
        encoding: {
          y, yOffset,
          x: { field: 'startS', type: 'quantitative' }, x2: { field: 'drawEndS' },
          color: { field: 'status', type: 'nominal', title: 'attempt', scale: { domain: status, range: status.map((s) => OUTCOME_COLORS[s as keyof typeof OUTCOME_COLORS]) } },
        },
      },
      {
        data: { values: labels },
        mark: { type: 'text' as const, align: 'left' as const, dx: 3, fontSize: 9, color: 'white' },
        encoding: { y, yOffset, x: { field: 'startS', type: 'quantitative' as const }, text: { field: 'label' } },
      },
      {
        transform: [{ filter: 'datum.marker' }],
        mark: { type: 'point', filled: true, size: 60, color: 'black' },
        encoding: {
          y, yOffset, x: { field: 'startS', type: 'quantitative' },
          shape: { field: 'marker', type: 'nominal', title: 'event', scale: { domain: ['retry', 'failover'], range: ['triangle-right', 'diamond'] } },
        },
      },
    ],
  };
  return {
    id: 'gantt',
    title: 'Where and when each call ran',
    caption: 'One bar per attempt, one row per endpoint. Pale bars are time waiting in the endpoint\'s queue; '
      + 'triangles mark a retry on the same endpoint, diamonds a failover to another endpoint; orange attempts were preempted.',
    spec,
  };
}
