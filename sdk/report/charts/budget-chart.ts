import type { ReportBudget } from '../report-data.js';
import type { RunSummary } from '../summarize.js';
import type { ReportChart } from './report-chart.js';
import { CHART_CONFIG } from './theme.js';

/**
 * How much of the workflow budget the run used, as a percentage per budgeted
 * quantity (dollars, joules, wall-clock seconds against the deadline), with
 * the 100 % line drawn. Undefined when the run had no budget.
 *
 * @example
 * ```ts
 * const chart = budgetChart(data.run.budget, summarizeRun(data));
 * if (chart) charts.push(chart);
 * ```
 */
export function budgetChart(budget: ReportBudget | undefined, summary: RunSummary): ReportChart | undefined {
  if (!budget) return undefined;
  const rows: { metric: string; used: number; budget: number; pct: number; label: string }[] = [];
  const add = (metric: string, used: number, limit: number | undefined, unit: (n: number) => string) => {
    if (limit === undefined) return;
    const pct = limit > 0 ? (used / limit) * 100 : used > 0 ? Infinity : 0;
    rows.push({ metric, used, budget: limit, pct: Number.isFinite(pct) ? pct : 999, label: `${unit(used)} of ${unit(limit)}` });
  };
  add('US dollars', summary.spent.usd, budget.usd, (n) => `$${n.toFixed(4)}`);
  add('joules', summary.spent.joules, budget.joules, (n) => `${n.toFixed(0)} J`);
  add('wall-clock seconds', summary.makespanS, budget.deadlineS, (n) => `${n.toFixed(1)} s`);
  if (rows.length === 0) return undefined;
  return {
    id: 'budget',
    title: 'Budget used',
    caption: 'Spend of the whole run as a percentage of its workflow budget; the red line is the budget. Seconds compare the run\'s wall-clock time with its deadline.',
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      config: CHART_CONFIG,
      width: 520,
      height: { step: 28 },
      data: { values: rows },
      layer: [
        {
          mark: { type: 'bar' },
          encoding: {
            y: { field: 'metric', type: 'nominal', title: null },
            x: { field: 'pct', type: 'quantitative', title: '% of budget', scale: { domainMin: 0, domainMax: Math.max(110, ...rows.map((r) => r.pct)) } },
            color: { condition: { test: 'datum.pct > 100', value: '#c62828' }, value: '#2e7d32' },
          },
        },
        { mark: { type: 'rule', color: '#c62828', strokeWidth: 2 }, encoding: { x: { datum: 100, type: 'quantitative' } } },
        {
          mark: { type: 'text', align: 'left', dx: 4 },
          encoding: { y: { field: 'metric', type: 'nominal' }, x: { field: 'pct', type: 'quantitative' }, text: { field: 'label' } },
        },
      ],
    },
  };
}
