import type { TopLevelSpec } from 'vega-lite';
import type { ReportBudget, RunReportData } from '../report-data.js';
import type { GroupTotals } from '../summarize.js';
import type { ReportChart } from './report-chart.js';
import { CHART_CONFIG } from './theme.js';

const METRICS = [
  { key: 'usd', budget: 'usd', label: 'US dollars' },
  { key: 'seconds', budget: undefined, label: 'compute seconds' },
  { key: 'joules', budget: 'joules', label: 'joules' },
] as const;

interface SpendRow {
  group: string;
  metric: string;
  value: number;
  maxCall?: number;
  budget?: number;
}

/**
 * Dollars, compute seconds and joules spent on each endpoint.
 *
 * @example
 * ```ts
 * const chart = spendByEndpointChart(summarizeRun(data).byEndpoint);
 * ```
 */
export function spendByEndpointChart(byEndpoint: readonly GroupTotals[]): ReportChart {
  const rows = byEndpoint.flatMap((g) => METRICS.map((m) => ({ group: g.name, metric: m.label, value: g[m.key] })));
  return {
    id: 'spend-by-endpoint',
    title: 'Spend per endpoint',
    caption: 'Measured cost of the successful attempts on each endpoint: dollars, seconds the task code ran, and energy. A quantity that is zero everywhere is left out.',
    spec: spendSpec(rows, 'endpoint'),
  };
}

/**
 * Dollars, compute seconds and joules per task, with the largest single call
 * and the per-call budget from `@costBudget` when the task declares one.
 *
 * @example
 * ```ts
 * const chart = spendByTaskChart(data, summarizeRun(data).byTask);
 * ```
 */
export function spendByTaskChart(data: RunReportData, byTask: readonly GroupTotals[]): ReportChart {
  const rows: SpendRow[] = byTask.flatMap((g) => METRICS.map((m) => {
    const calls = data.calls.filter((c) => c.taskId === g.name);
    const budget = m.budget ? (data.taskBudgets?.[g.name] as ReportBudget | undefined)?.[m.budget] : undefined;
    return {
      group: g.name, metric: m.label, value: g[m.key],
      maxCall: Math.max(0, ...calls.map((c) => c.actual?.[m.key] ?? 0)),
      ...(budget === undefined ? {} : { budget }),
    };
  }));
  return {
    id: 'spend-by-task',
    title: 'Spend per task',
    caption: 'Bars: total over all calls of the task. Black dots: the most expensive single call. '
      + 'Red ticks: the per-call budget the task declares with @costBudget, when it declares one.',
    spec: spendSpec(rows, 'task'),
  };
}

function spendSpec(all: readonly SpendRow[], groupTitle: string): TopLevelSpec {
  // A quantity that is zero everywhere (dollars on free endpoints) would only draw an empty panel.
  const used = new Set(all.filter((r) => r.value > 0 || (r.budget ?? 0) > 0).map((r) => r.metric));
  const rows = used.size > 0 ? all.filter((r) => used.has(r.metric)) : all;
  const groups = [...new Set(rows.map((r) => r.group))];
  const metrics = METRICS.map((m) => m.label).filter((m) => rows.some((r) => r.metric === m));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    // One panel per quantity, each with only the layers it has data for: an empty layer makes vega warn.
    hconcat: metrics.map((metric, i) => {
      const mine = rows.filter((r) => r.metric === metric);
      const y = { field: 'group', type: 'nominal' as const, title: i === 0 ? groupTitle : null, scale: { domain: groups }, axis: i === 0 ? {} : { labels: false, ticks: false } };
      // Room past the largest mark so a budget tick at the far end stays visible.
      const top = Math.max(0, ...mine.flatMap((r) => [r.value, r.maxCall ?? 0, r.budget ?? 0])) * 1.08;
      const x = (field: string) => ({ field, type: 'quantitative' as const, title: metric, scale: top > 0 ? { domainMax: top } : {} });
      return {
        width: 220,
        height: { step: 20 },
        data: { values: mine },
        layer: [
          { mark: { type: 'bar' as const, color: '#5c6bc0' }, encoding: { y, x: x('value') } },
          ...(mine.some((r) => r.maxCall !== undefined)
            ? [{ mark: { type: 'point' as const, filled: true, color: 'black', size: 30 }, encoding: { y, x: x('maxCall') } }] : []),
          ...(mine.some((r) => r.budget !== undefined)
            ? [{ transform: [{ filter: 'isValid(datum.budget)' }], mark: { type: 'tick' as const, color: '#c62828', thickness: 3 }, encoding: { y, x: x('budget') } }] : []),
        ],
      };
    }),
  };
}
