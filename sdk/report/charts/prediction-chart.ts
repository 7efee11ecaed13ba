import type { TopLevelSpec } from 'vega-lite';
import type { RunReportData } from '../report-data.js';
import type { ReportChart } from './report-chart.js';
import { CHART_CONFIG } from './theme.js';

/**
 * Predicted against actual seconds (and dollars, when anything cost money) of
 * every call that has both, coloured by endpoint; points on the diagonal were
 * predicted exactly. Undefined when no call has both numbers.
 *
 * @example
 * ```ts
 * const chart = predictionChart(data);
 * ```
 */
export function predictionChart(data: RunReportData): ReportChart | undefined {
  const rows = data.calls
    .filter((c) => c.predicted && c.actual)
    .map((c) => ({
      callId: c.callId, taskId: c.taskId, endpoint: c.endpoint ?? '?',
      predictedSeconds: c.predicted!.seconds, actualSeconds: c.actual!.seconds,
      predictedUsd: c.predicted!.usd, actualUsd: c.actual!.usd,
    }));
  if (rows.length === 0) return undefined;
  const panels = [panel(rows, 'Seconds', 'seconds', 'predictedSeconds', 'actualSeconds')];
  if (rows.some((r) => r.predictedUsd > 0 || r.actualUsd > 0)) panels.push(panel(rows, 'US dollars', 'dollars', 'predictedUsd', 'actualUsd'));
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    hconcat: panels,
    resolve: { scale: { color: 'shared' } },
  };
  return {
    id: 'predictions',
    title: 'How good were the predictions',
    caption: 'Each point is a call: what placement predicted against what was measured. Points on the grey diagonal were predicted exactly; above it, the call took longer or cost more than predicted.',
    spec,
  };
}

function panel(rows: readonly Record<string, string | number>[], title: string, unit: string, predicted: string, actual: string) {
  const max = Math.max(1e-9, ...rows.flatMap((r) => [Number(r[predicted]), Number(r[actual])])) * 1.05;
  const scale = { domain: [0, max], nice: false, padding: 0 };
  return {
    title,
    width: 300,
    height: 300,
    layer: [
      {
        data: { values: [{ v: 0 }, { v: max }] },
        mark: { type: 'line' as const, color: '#9e9e9e', strokeDash: [4, 4] },
        encoding: { x: { field: 'v', type: 'quantitative' as const, scale }, y: { field: 'v', type: 'quantitative' as const, scale } },
      },
      {
        data: { values: rows },
        mark: { type: 'point' as const, filled: true, size: 50, opacity: 0.8 },
        encoding: {
          x: { field: predicted, type: 'quantitative' as const, title: `predicted ${unit}`, scale },
          y: { field: actual, type: 'quantitative' as const, title: `actual ${unit}`, scale },
          color: { field: 'endpoint', type: 'nominal' as const },
        },
      },
    ],
  };
}
