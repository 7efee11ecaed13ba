import type { PlanningProblem, SimulationResult } from '../placement/index.js';
import type { ReportAttempt, ReportCall, RunReportData } from './report-data.js';

/**
 * The run report of a simulated run: every simulated task becomes a call
 * (times in milliseconds from a start at 0), expected against simulated
 * seconds and dollars become "predicted against actual", preempted attempts
 * are marked, and the workflow's edges draw the task graph. Rendered by
 * {@link renderReport} like any run.
 *
 * @example
 * ```ts
 * const result = await simulate(problem, { policy: 'heft', seed: 1 });
 * writeFileSync('simulation.html', await renderReport(simulationReportData(problem, result, 'Montage_25')));
 * ```
 */
export function simulationReportData(problem: Pick<PlanningProblem, 'graph' | 'endpoints'>, result: SimulationResult, workflow: string): RunReportData {
  const ms = (s: number) => Math.round(s * 1000);
  const calls: ReportCall[] = result.placements.map((p) => {
    const task = problem.graph.node(p.task);
    // Preempted attempts restart from scratch; the simulation keeps only the last one's times.
    const attempts: ReportAttempt[] = Array.from({ length: p.attempts }, (_, k) => k + 1 < p.attempts
      ? { attempt: k + 1, endpoint: p.endpoint, outcome: 'failed' as const, failure: 'preempted', error: { name: 'Preempted', message: 'spot instance reclaimed (simulated)' } }
      : { attempt: k + 1, endpoint: p.endpoint, outcome: 'succeeded' as const, queuedAt: ms(p.startS), startedAt: ms(p.startS), endedAt: ms(p.endS) });
    return {
      callId: p.task, taskId: task.type ?? p.task, endpoint: p.endpoint, state: 'done',
      attempts,
      predicted: { seconds: p.expectedS, usd: p.expectedUsd, joules: 0 },
      actual: { seconds: p.endS - p.startS, usd: p.usd, joules: p.joules },
      retries: p.attempts - 1, failovers: 0, preemptions: p.attempts - 1,
    };
  });
  const placed = new Set(result.placements.map((p) => p.task));
  return {
    run: {
      id: `simulated-seed-${result.seed}`, workflow: `SIMULATED ${workflow}`, startedAt: 0, endedAt: ms(result.makespanS),
      outcome: result.stoppedBy ? 'failed' : 'succeeded', ...(result.stoppedBy ? { error: result.stoppedBy } : {}),
      ...(result.budgetUsd === null ? {} : { budget: { usd: result.budgetUsd } }), policy: result.policy,
    },
    endpoints: problem.endpoints.map((e) => ({
      name: e.name, kind: result.offline.includes(e.name) ? 'simulated (offline)' : 'simulated', workers: e.workers,
      ...(e.preemptionPerHour ? { pricing: 'spot' } : e.usdPerHour ? { pricing: 'on-demand' } : {}),
    })),
    calls,
    edges: problem.graph.edges().filter((e) => placed.has(e.from) && placed.has(e.to)).map((e) => ({ from: e.from, to: e.to })),
  };
}
