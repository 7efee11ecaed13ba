import { chartToSvg } from './charts/chart-to-svg.js';
import { reportCharts } from './charts/report-charts.js';
import type { ReportChart } from './charts/report-chart.js';
import { escapeHtml, formatJoules, formatSeconds, formatUsd } from './format.js';
import type { RunReportData } from './report-data.js';
import { REPORT_CSS } from './report-styles.js';
import { callTable, endpointTable, failureTable } from './report-tables.js';
import { summarizeRun, type RunSummary } from './summarize.js';

/**
 * Renders a run report: one self-contained HTML file (inline CSS and inline SVG
 * charts, no script, nothing fetched at view time) with the Gantt chart, spend
 * against budgets, prediction quality, the task graph, federated metrics when
 * present, and tables of endpoints, failures and calls. The data is embedded
 * as JSON (`<script type="application/json" id="corral-run-data">`) for tools.
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * await writeFile('report.html', await renderReport(data));
 * ```
 */
export async function renderReport(data: RunReportData): Promise<string> {
  const summary = summarizeRun(data);
  const charts = reportCharts(data, summary);
  const figures = await Promise.all(charts.map(figure));
  const failures = failureTable(data);
  const title = `corral run ${data.run.id}: ${data.run.workflow}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${header(data, summary)}
${cards(data, summary)}
<nav>${charts.map((c) => `<a href="#chart-${c.id}">${escapeHtml(c.title)}</a>`).join('')}<a href="#endpoints">Endpoints</a>${failures ? '<a href="#failures">Failures</a>' : ''}<a href="#calls">Calls</a></nav>
${figures.join('\n')}
<section id="endpoints"><h2>Endpoints</h2>
${endpointTable(data, summary)}
</section>
${failures ? `<section id="failures"><h2>Failed attempts</h2>\n${failures}\n</section>` : ''}
<section id="calls"><details><summary><h2 style="display:inline">Calls (${data.calls.length})</h2></summary>
${callTable(data)}
</details></section>
<script type="application/json" id="corral-run-data">${jsonForScript(data)}</script>
</body>
</html>
`;
}

async function figure(chart: ReportChart): Promise<string> {
  const svg = await chartToSvg(chart.spec);
  return `<figure id="chart-${chart.id}" class="chart"><h2>${escapeHtml(chart.title)}</h2>
${svg}
<figcaption>${escapeHtml(chart.caption)}</figcaption></figure>`;
}

function header(data: RunReportData, summary: RunSummary): string {
  const { run } = data;
  const started = new Date(run.startedAt).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  return `<header>
<h1>${escapeHtml(run.workflow)} <span class="badge ${escapeHtml(run.outcome)}">${escapeHtml(run.outcome)}</span></h1>
<p>run <code>${escapeHtml(run.id)}</code> · started ${escapeHtml(started)} · ${escapeHtml(formatSeconds(summary.makespanS))}${run.policy ? ` · policy ${escapeHtml(run.policy)}` : ''}</p>
${run.error ? `<p class="error" style="color:var(--bad)">${escapeHtml(run.error)}</p>` : ''}
</header>`;
}

function cards(data: RunReportData, summary: RunSummary): string {
  const budget = data.run.budget ?? {};
  const card = (label: string, value: string, over = false) =>
    `<div class="card${over ? ' over' : ''}"><div class="label">${escapeHtml(label)}</div><div class="value">${escapeHtml(value)}</div></div>`;
  const of = (spent: string, limit: string | undefined) => (limit ? `${spent} of ${limit}` : spent);
  const pct = (x: number | undefined) => (x === undefined ? 'n/a' : `${Math.round(x).toLocaleString('en-US')} %`);
  return `<div class="cards">
${card('calls done', `${summary.done} / ${summary.calls}`)}
${card('calls failed', String(summary.failed), summary.failed > 0)}
${card('cost', of(formatUsd(summary.spent.usd), budget.usd === undefined ? undefined : formatUsd(budget.usd)), budget.usd !== undefined && summary.spent.usd > budget.usd)}
${card('energy', of(formatJoules(summary.spent.joules), budget.joules === undefined ? undefined : formatJoules(budget.joules)), budget.joules !== undefined && summary.spent.joules > budget.joules)}
${card('wall clock', of(formatSeconds(summary.makespanS), budget.deadlineS === undefined ? undefined : formatSeconds(budget.deadlineS)), budget.deadlineS !== undefined && summary.makespanS > budget.deadlineS)}
${card('compute', formatSeconds(summary.spent.seconds))}
${card('median error, seconds', pct(summary.secondsErrorPct))}
${card('median error, dollars', pct(summary.usdErrorPct))}
</div>`;
}

/** JSON safe inside a script element: `</script>` and `<!--` cannot close or confuse it. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
