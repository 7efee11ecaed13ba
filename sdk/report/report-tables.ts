import { escapeHtml, formatJoules, formatSeconds, formatUsd } from './format.js';
import type { RunReportData } from './report-data.js';
import type { RunSummary } from './summarize.js';

type Cell = string | { readonly html: string; readonly cls?: string };

/** Builds a table from header names and rows of cells; strings are escaped, `{ html }` is trusted. */
function table(headers: readonly string[], rows: readonly Cell[][], numeric: ReadonlySet<number> = new Set()): string {
  const head = `<tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c, i) => {
    const cls = [numeric.has(i) ? 'num' : '', typeof c === 'string' ? '' : c.cls ?? ''].filter(Boolean).join(' ');
    return `<td${cls ? ` class="${cls}"` : ''}>${typeof c === 'string' ? escapeHtml(c) : c.html}</td>`;
  }).join('')}</tr>`).join('\n');
  return `<table>\n${head}\n${body}\n</table>`;
}

/**
 * Per-endpoint totals as an HTML table.
 *
 * @example
 * ```ts
 * const html = endpointTable(data, summarizeRun(data));
 * ```
 */
export function endpointTable(data: RunReportData, summary: RunSummary): string {
  const kinds = new Map(data.endpoints.map((e) => [e.name, e]));
  return table(
    ['endpoint', 'kind', 'pricing', 'calls', 'done', 'failed', 'cost', 'compute', 'energy', 'retries', 'failovers', 'preemptions'],
    summary.byEndpoint.map((e) => [
      e.name, kinds.get(e.name)?.kind ?? '', kinds.get(e.name)?.pricing ?? '',
      String(e.calls), String(e.done), String(e.failed), formatUsd(e.usd), formatSeconds(e.seconds), formatJoules(e.joules),
      String(e.retries), String(e.failovers), String(e.preemptions),
    ]),
    new Set([3, 4, 5, 6, 7, 8, 9, 10, 11]),
  );
}

/**
 * Every failed attempt with its task, endpoint, attempt number, error and
 * remote log location; an empty string when nothing failed.
 *
 * @example
 * ```ts
 * const html = failureTable(data);
 * ```
 */
export function failureTable(data: RunReportData): string {
  const rows: Cell[][] = data.calls.flatMap((c) => c.attempts.filter((a) => a.outcome === 'failed').map((a) => [
    c.taskId, c.callId, a.endpoint, String(a.attempt), a.failure ?? 'error',
    a.error ? `${a.error.name}: ${a.error.message}` : '',
    a.logRef ? { html: `<code>${escapeHtml(a.logRef)}</code>` } : 'not kept by the endpoint',
    c.state === 'failed' ? { html: 'call failed', cls: 'failed' } : { html: 'recovered', cls: 'done' },
  ]));
  if (rows.length === 0) return '';
  return table(['task', 'call', 'endpoint', 'attempt', 'failure', 'error', 'remote log', 'then'], rows, new Set([3]));
}

/**
 * One row per call: where it ran, its attempts, predicted and actual cost.
 *
 * @example
 * ```ts
 * const html = callTable(data);
 * ```
 */
export function callTable(data: RunReportData): string {
  const cost = (c: { seconds: number; usd: number } | undefined) => (c ? `${formatSeconds(c.seconds)} · ${formatUsd(c.usd)}` : '');
  return table(
    ['call', 'task', 'endpoint', 'state', 'attempts', 'predicted', 'actual', 'placement reason'],
    data.calls.map((c) => [
      c.callId, c.taskId, c.endpoint ?? '', { html: escapeHtml(c.state), cls: c.state === 'failed' ? 'failed' : c.state === 'done' ? 'done' : '' },
      c.attempts.map((a) => `${a.attempt}@${a.endpoint}${a.outcome === 'failed' ? ` (${a.failure ?? 'error'})` : ''}`).join(', '),
      cost(c.predicted), cost(c.actual), c.attempts.at(-1)?.reason ?? '',
    ]),
    new Set([5, 6]),
  );
}
