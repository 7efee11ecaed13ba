import type { Config } from 'vega-lite';

/**
 * Colours of attempt outcomes, the same in every chart and table of a report.
 *
 * @example
 * ```ts
 * const red = OUTCOME_COLORS.failed;
 * ```
 */
export const OUTCOME_COLORS = {
  succeeded: '#2e7d32',
  failed: '#c62828',
  preempted: '#ef6c00',
  cancelled: '#757575',
  running: '#1565c0',
} as const;

/**
 * Vega-Lite config shared by every report chart. The font list starts with a
 * font resvg finds on Linux so PNGs and the HTML look alike.
 *
 * @example
 * ```ts
 * const spec = { config: CHART_CONFIG, mark: 'bar', ... };
 * ```
 */
export const CHART_CONFIG: Config = {
  font: 'DejaVu Sans, Helvetica, Arial, sans-serif',
  background: 'white',
  padding: 8,
  view: { stroke: '#ddd' },
  axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 220 },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  header: { labelFontSize: 12, titleFontSize: 12 },
  title: { fontSize: 14, anchor: 'start' },
};
