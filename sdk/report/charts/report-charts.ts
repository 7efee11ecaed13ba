import type { RunReportData } from '../report-data.js';
import { summarizeRun, type RunSummary } from '../summarize.js';
import { budgetChart } from './budget-chart.js';
import { dataMovesChart } from './data-moves-chart.js';
import { flClientTimeChart, flMetricsChart } from './federated-charts.js';
import { ganttChart } from './gantt-chart.js';
import { predictionChart } from './prediction-chart.js';
import type { ReportChart } from './report-chart.js';
import { spendByEndpointChart, spendByTaskChart } from './spend-charts.js';
import { taskGraphChart } from './task-graph-chart.js';

/**
 * Every chart that applies to a run, in the order the report shows them:
 * charts without data (no budget, no predictions, not federated) are left out.
 *
 * @example
 * ```ts
 * for (const chart of reportCharts(data)) console.log(chart.id);
 * // gantt, budget, spend-by-endpoint, spend-by-task, predictions, task-graph
 * ```
 */
export function reportCharts(data: RunReportData, summary: RunSummary = summarizeRun(data)): ReportChart[] {
  const charts: (ReportChart | undefined)[] = [
    ganttChart(data),
    budgetChart(data.run.budget, summary),
    data.calls.length > 0 ? spendByEndpointChart(summary.byEndpoint) : undefined,
    data.calls.length > 0 ? spendByTaskChart(data, summary.byTask) : undefined,
    predictionChart(data),
    taskGraphChart(data),
    dataMovesChart(data.data),
    data.federated && flMetricsChart(data.federated),
    data.federated && flClientTimeChart(data.federated),
  ];
  return charts.filter((c): c is ReportChart => c !== undefined);
}
