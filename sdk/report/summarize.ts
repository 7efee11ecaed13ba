import type { ReportCall, ReportCost, RunReportData } from './report-data.js';

/**
 * Totals of one group of calls (an endpoint or a task).
 *
 * @example
 * ```ts
 * const t: GroupTotals = { name: 'gpu', calls: 3, done: 3, failed: 0, usd: 0.02, seconds: 12, joules: 900, retries: 1, failovers: 0, preemptions: 0 };
 * ```
 */
export interface GroupTotals extends ReportCost {
  readonly name: string;
  readonly calls: number;
  readonly done: number;
  readonly failed: number;
  readonly retries: number;
  readonly failovers: number;
  readonly preemptions: number;
}

/**
 * The numbers a report leads with, derived from {@link RunReportData}.
 *
 * @example
 * ```ts
 * const s = summarizeRun(data);
 * console.log(`${s.done}/${s.calls} calls, $${s.spent.usd.toFixed(4)}, prediction error ${s.secondsErrorPct}%`);
 * ```
 */
export interface RunSummary {
  readonly calls: number;
  readonly done: number;
  readonly failed: number;
  /** Wall-clock seconds from run start to its end (or to the last attempt seen). */
  readonly makespanS: number;
  readonly spent: ReportCost;
  readonly byEndpoint: readonly GroupTotals[];
  readonly byTask: readonly GroupTotals[];
  /** Median absolute percentage error of predicted against actual seconds; undefined without pairs. */
  readonly secondsErrorPct?: number;
  /** Same for dollars, over calls whose actual cost is not zero. */
  readonly usdErrorPct?: number;
}

/** Calls that finished with a value (ran, or came from the cache or the journal). */
const FINISHED = new Set(['done', 'cached', 'replayed']);

/**
 * Derives totals per endpoint and per task, makespan and prediction error.
 * Spend counts every billed attempt: the successful one's measured cost and
 * what failed attempts were billed, each on the endpoint where it ran.
 *
 * @example
 * ```ts
 * const { byEndpoint } = summarizeRun(data);
 * for (const e of byEndpoint) console.log(e.name, e.usd);
 * ```
 */
export function summarizeRun(data: RunReportData): RunSummary {
  const charges = data.calls.flatMap(chargesOf);
  const byEndpoint = group(data.calls, charges, (c) => c.endpoint ?? '(not placed)', data.endpoints.map((e) => e.name), (charge) => charge.endpoint);
  const byTask = group(data.calls, charges, (c) => c.taskId, [], (charge) => charge.call.taskId);
  const spent = addCosts(charges.map((c) => c.cost));
  return {
    calls: data.calls.length,
    done: data.calls.filter((c) => FINISHED.has(c.state)).length,
    failed: data.calls.filter((c) => c.state === 'failed').length,
    makespanS: makespanSeconds(data),
    spent,
    byEndpoint,
    byTask,
    secondsErrorPct: medianApe(data.calls, 'seconds'),
    usdErrorPct: medianApe(data.calls, 'usd'),
  };
}

/**
 * Seconds from the run's start to its end, or to the latest attempt time when it has not ended.
 *
 * @example
 * ```ts
 * const s = makespanSeconds(data); // 12.5
 * ```
 */
export function makespanSeconds(data: RunReportData): number {
  const last = data.run.endedAt ?? Math.max(data.run.startedAt, ...data.calls.flatMap((c) => c.attempts.map((a) => a.endedAt ?? a.startedAt ?? a.queuedAt ?? 0)));
  return Math.max(0, (last - data.run.startedAt) / 1000);
}

/** One billed amount: a call's successful attempt, or a failed attempt, where it ran. */
interface Charge {
  readonly call: ReportCall;
  readonly endpoint: string;
  readonly cost: ReportCost;
}

function chargesOf(call: ReportCall): Charge[] {
  const failed = call.attempts.filter((a) => a.outcome !== 'succeeded' && a.cost).map((a) => ({ call, endpoint: a.endpoint, cost: a.cost! }));
  return call.actual ? [...failed, { call, endpoint: call.endpoint ?? '(not placed)', cost: call.actual }] : failed;
}

function group(calls: readonly ReportCall[], charges: readonly Charge[], key: (c: ReportCall) => string, known: readonly string[], chargeKey: (charge: Charge) => string): GroupTotals[] {
  const names = [...known];
  for (const c of calls) if (!names.includes(key(c))) names.push(key(c));
  for (const c of charges) if (!names.includes(chargeKey(c))) names.push(chargeKey(c));
  return names.map((name) => {
    const mine = calls.filter((c) => key(c) === name);
    return {
      name,
      calls: mine.length,
      done: mine.filter((c) => FINISHED.has(c.state)).length,
      failed: mine.filter((c) => c.state === 'failed').length,
      ...addCosts(charges.filter((c) => chargeKey(c) === name).map((c) => c.cost)),
      retries: sum(mine.map((c) => c.retries)),
      failovers: sum(mine.map((c) => c.failovers)),
      preemptions: sum(mine.map((c) => c.preemptions)),
    };
  });
}

function addCosts(costs: readonly (ReportCost | undefined)[]): ReportCost {
  return {
    seconds: sum(costs.map((c) => c?.seconds ?? 0)),
    usd: sum(costs.map((c) => c?.usd ?? 0)),
    joules: sum(costs.map((c) => c?.joules ?? 0)),
  };
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

function medianApe(calls: readonly ReportCall[], field: 'seconds' | 'usd'): number | undefined {
  const errors = calls
    .filter((c) => c.predicted && c.actual && c.actual[field] > 0)
    .map((c) => (Math.abs(c.predicted![field] - c.actual![field]) / c.actual![field]) * 100)
    .sort((a, b) => a - b);
  if (errors.length === 0) return undefined;
  const mid = Math.floor(errors.length / 2);
  return errors.length % 2 ? errors[mid] : (errors[mid - 1] + errors[mid]) / 2;
}
