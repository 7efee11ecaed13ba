import type { TopLevelSpec } from 'vega-lite';
import type { ReportDataMovement } from '../report-data.js';
import type { ReportChart } from './report-chart.js';
import { CHART_CONFIG } from './theme.js';

/**
 * Bytes moved between sites (transfer groups; `client` is the runtime's
 * process): one cell per (from, to) pair, its colour the bytes and its label
 * the size and count. Left out when nothing moved.
 *
 * @example
 * ```ts
 * const chart = dataMovesChart(data.data); // undefined for a run that moved no data
 * ```
 */
export function dataMovesChart(data: ReportDataMovement | undefined): ReportChart | undefined {
  if (!data || data.moved.length === 0) return undefined;
  const pairs = new Map<string, { from: string; to: string; bytes: number; moves: number }>();
  for (const m of data.moved) {
    const key = `${m.from}\u0000${m.to}`;
    const p = pairs.get(key) ?? { from: m.from, to: m.to, bytes: 0, moves: 0 };
    p.bytes += m.bytes;
    p.moves += 1;
    pairs.set(key, p);
  }
  const values = [...pairs.values()].map((p) => ({ ...p, label: `${megabytes(p.bytes)} (${p.moves})` }));
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    data: { values },
    width: { step: 140 },
    height: { step: 36 },
    encoding: {
      x: { field: 'to', type: 'nominal', title: 'to', axis: { labelAngle: 0, labelLimit: 130 } },
      y: { field: 'from', type: 'nominal', title: 'from', axis: { labelLimit: 220 } },
    },
    layer: [
      { mark: { type: 'rect' }, encoding: { color: { field: 'bytes', type: 'quantitative', title: 'bytes', scale: { scheme: 'blues' } } } },
      { mark: { type: 'text', fontSize: 11 }, encoding: { text: { field: 'label', type: 'nominal' } } },
    ],
  };
  return {
    id: 'data-moves',
    title: 'Data moved between sites',
    caption: `Bytes that crossed from one site (transfer group) to another, and how many moves; "client" is the process running the workflow. `
      + `${megabytes(data.bytesThroughClient)} passed through the client in all. Results kept where they were made and passed by reference do not appear.`,
    spec,
  };
}

function megabytes(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : bytes >= 1e3 ? `${(bytes / 1e3).toFixed(1)} kB` : `${bytes} B`;
}
