import type { TopLevelSpec } from 'vega-lite';
import type { ReportFederated } from '../report-data.js';
import type { ReportChart } from './report-chart.js';
import { CHART_CONFIG } from './theme.js';

const COLORS = { accuracy: '#2e7d32', loss: '#c62828' } as const;

/**
 * Accuracy and loss of the global model per round, one panel each, for the
 * metrics the run recorded. Undefined when no round has either.
 *
 * @example
 * ```ts
 * const chart = data.federated && flMetricsChart(data.federated);
 * ```
 */
export function flMetricsChart(fl: ReportFederated): ReportChart | undefined {
  const panels = (['accuracy', 'loss'] as const)
    .filter((m) => fl.rounds.some((r) => r[m] !== undefined))
    .map((m) => ({
      title: m,
      width: 340,
      height: 220,
      data: { values: fl.rounds.filter((r) => r[m] !== undefined).map((r) => ({ round: r.round, value: r[m] })) },
      mark: { type: 'line' as const, color: COLORS[m], point: { filled: true, color: COLORS[m] } },
      encoding: {
        x: { field: 'round', type: 'quantitative' as const, title: 'round', axis: { tickMinStep: 1 } },
        y: { field: 'value', type: 'quantitative' as const, title: m, scale: { zero: false } },
      },
    }));
  if (panels.length === 0) return undefined;
  const spec: TopLevelSpec = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', config: CHART_CONFIG, hconcat: panels };
  return {
    id: 'fl-metrics',
    title: 'Federated learning: global model per round',
    caption: `Accuracy and loss of the aggregated model after each round${fl.strategy ? ` (strategy ${fl.strategy})` : ''}.`,
    spec,
  };
}

/**
 * Seconds each client spent training in each round. Undefined without times.
 *
 * @example
 * ```ts
 * const chart = data.federated && flClientTimeChart(data.federated);
 * ```
 */
export function flClientTimeChart(fl: ReportFederated): ReportChart | undefined {
  if (fl.clientTimes.length === 0) return undefined;
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    width: 700,
    height: 240,
    data: { values: fl.clientTimes },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'round', type: 'quantitative', title: 'round', axis: { tickMinStep: 1 } },
      y: { field: 'seconds', type: 'quantitative', title: 'seconds of local training' },
      color: { field: 'client', type: 'nominal', title: 'client' },
    },
  };
  return {
    id: 'fl-client-time',
    title: 'Federated learning: time per client',
    caption: 'Seconds of local training per client and round; the slowest client sets the round\'s length.',
    spec,
  };
}
