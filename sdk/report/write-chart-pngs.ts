import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chartToSvg } from './charts/chart-to-svg.js';
import { reportCharts } from './charts/report-charts.js';
import type { RunReportData } from './report-data.js';

/**
 * Writes each chart of a run's report as `DIR/<chart id>.png` (rendered by
 * resvg from the same SVG the HTML report inlines) and returns the paths.
 * `scale` multiplies the pixel size (2 for sharp slides).
 *
 * @example
 * ```ts
 * const files = await writeChartPngs(data, 'reports/r1');
 * // ['reports/r1/gantt.png', 'reports/r1/budget.png', ...]
 * ```
 */
export async function writeChartPngs(data: RunReportData, dir: string, scale = 2): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const chart of reportCharts(data)) {
    const svg = await chartToSvg(chart.spec);
    const { Resvg } = await import('@resvg/resvg-js');
    const png = new Resvg(svg, { fitTo: { mode: 'zoom', value: scale }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
    const file = join(dir, `${chart.id}.png`);
    await writeFile(file, png);
    files.push(file);
  }
  return files;
}
