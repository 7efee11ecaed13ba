export type {
  RunReportData, ReportRun, ReportRunOutcome, ReportBudget, ReportEndpoint, ReportCallState, ReportCost,
  ReportCall, ReportAttempt, ReportAttemptOutcome, ReportEdge, ReportFederated, ReportFlRound, ReportClientTime,
} from './report-data.js';
export { reportDataFromJournal, loadReportData } from './journal-report-data.js';
export { summarizeRun, type RunSummary, type GroupTotals } from './summarize.js';
export { renderReport } from './render-report.js';
export { simulationReportData } from './simulation-report-data.js';
export { writeChartPngs } from './write-chart-pngs.js';
export { reportCharts, chartToSvg, type ReportChart } from './charts/index.js';
export {
  attachProgress, followSessions, RunProgress, formatFailure, createLogger, logRunEvents, LOG_LEVELS,
  type FollowOptions, type ProgressOptions, type ProgressView, type EndpointProgress, type AttemptFailureInfo, type FailureFacts, type LogLevel,
} from './progress/index.js';
