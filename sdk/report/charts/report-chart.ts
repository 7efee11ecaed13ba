import type { TopLevelSpec } from 'vega-lite';

/**
 * One chart of a report: its Vega-Lite spec and the words around it.
 *
 * @example
 * ```ts
 * const chart: ReportChart = { id: 'gantt', title: 'Where each call ran', caption: '...', spec };
 * const svg = await chartToSvg(chart.spec);
 * ```
 */
export interface ReportChart {
  /** Stable, file-name safe: `gantt`, `spend-by-endpoint`... */
  readonly id: string;
  readonly title: string;
  /** How to read the chart, one or two sentences. */
  readonly caption: string;
  readonly spec: TopLevelSpec;
}
