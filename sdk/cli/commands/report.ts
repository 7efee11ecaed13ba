import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadReportData, renderReport, reportCharts, writeChartPngs } from '../../report/index.js';
import { journalPath, runIdOrNewest, withJournal } from '../journal-option.js';
import { printResult } from '../output.js';

/**
 * `corral report [RUN_ID] [--out FILE.html] [--png DIR]`: the run report, one
 * self-contained HTML file with charts, and optionally each chart as PNG.
 * Without RUN_ID, the newest run of the journal.
 *
 * @example
 * ```ts
 * registerReport(program); // then: corral report r-20261123-214501-3fa9c2 --out report.html --png charts
 * ```
 */
export function registerReport(program: Command): void {
  program.command('report [runId]')
    .description('write the run report (of RUN_ID, else of the newest run): one self-contained HTML file with charts of where each call ran, what it cost and how good the predictions were')
    .option('--journal <file>', 'journal database (default: $CORRAL_JOURNAL or .corral/corral.db)')
    .option('--out <file>', 'HTML file to write (default: reports/RUN_ID.html)')
    .option('--png <dir>', 'also write each chart as DIR/<chart>.png')
    .option('--json', 'print one JSON object')
    .action(async (given: string | undefined, opts: { journal?: string; out?: string; png?: string; json?: boolean }) => {
      const runId = await withJournal(opts.journal, (journal) => runIdOrNewest(journal, given));
      const data = loadReportData(runId, journalPath(opts.journal));
      const out = resolve(opts.out ?? `reports/${runId}.html`);
      await mkdir(dirname(out), { recursive: true });
      await writeFile(out, await renderReport(data));
      const pngs = opts.png ? await writeChartPngs(data, resolve(opts.png)) : [];
      const charts = reportCharts(data).map((c) => c.id);
      printResult(opts.json, { runId, html: out, charts, pngs }, () =>
        [`wrote ${out} (${charts.length} charts: ${charts.join(', ')})`, ...pngs.map((p) => `wrote ${p}`)].join('\n'));
    });
}
