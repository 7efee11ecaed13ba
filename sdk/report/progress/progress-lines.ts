import type { RunEvent } from '../../runtime/index.js';
import { formatSeconds, formatUsd } from '../format.js';
import { formatFailure } from './error-line.js';
import type { RunProgress } from './run-progress.js';

/**
 * Calls done and failed, spend against the budget, and the federated round,
 * in one short line.
 *
 * @example
 * ```ts
 * progressSummary(progress); // '5/12 done, 2 active, 1 failed | $0.012 of $2.00 | FL round 3 accuracy 0.912'
 * ```
 */
export function progressSummary(p: RunProgress): string {
  const spend = p.budgetUsd === undefined ? formatUsd(p.usd) : `${formatUsd(p.usd)} of ${formatUsd(p.budgetUsd)}`;
  const fl = p.flRound === undefined ? '' : ` | FL round ${p.flRound}${flMetrics(p.flMetrics)}`;
  return `${p.done}/${p.submitted} done, ${p.active} active, ${p.failed} failed | ${spend}${fl}`;
}

function flMetrics(metrics: Readonly<Record<string, number>>): string {
  return ['accuracy', 'loss'].filter((k) => metrics[k] !== undefined).map((k) => ` ${k} ${metrics[k].toFixed(3)}`).join('');
}

/**
 * The plain-text line for an event (applied to `p` already), or undefined for
 * events too frequent to print one by one (placement, attempt start).
 *
 * @example
 * ```ts
 * progress.apply(event);
 * const line = progressLine(event, progress);
 * if (line) process.stderr.write(`${line}\n`);
 * ```
 */
export function progressLine(e: RunEvent, p: RunProgress): string | undefined {
  switch (e.type) {
    case 'run:started':
      return `run ${e.runId} ${e.workflow} started${p.budgetUsd === undefined ? '' : ` (budget ${formatUsd(p.budgetUsd)})`}`;
    case 'task:done':
      return `done ${e.taskId} (call ${e.callId}) on ${e.endpoint} in ${formatSeconds(e.runSeconds)}, ${formatUsd(e.usd)} | ${progressSummary(p)}`;
    case 'task:cached':
    case 'task:replayed':
      return `${e.type === 'task:cached' ? 'cached' : 'replayed'} ${e.taskId} (call ${e.callId}) | ${progressSummary(p)}`;
    case 'attempt:failed':
      return formatFailure({
        taskId: e.taskId, callId: e.callId, endpoint: e.endpoint, attempt: e.attempt, name: e.error.name, message: e.error.message,
        failure: e.error.failure, willRetry: e.willRetry, ...(e.logRef === undefined ? {} : { logRef: e.logRef }),
      });
    case 'task:failed':
      return `${failedCallLine(e, p)} | ${progressSummary(p)}`;
    case 'run:replaced':
      return `re-placed ${e.replaced} waiting calls (${e.moved} moved endpoint): ${e.reason}`;
    case 'fl:round':
      return `FL round ${e.round}:${Object.entries(e.metrics).map(([k, v]) => ` ${k} ${+v.toPrecision(4)}`).join(',')}`;
    case 'run:finished':
      return `run ${e.runId} ${e.ok ? 'finished' : `failed: ${e.error ?? 'unknown error'}`} | ${progressSummary(p)}`;
    default:
      return undefined;
  }
}

/**
 * The error line of a call that failed for good, naming the endpoint, attempt
 * and remote log of its last failed attempt when there was one.
 *
 * @example
 * ```ts
 * progress.apply(event);
 * if (event.type === 'task:failed') logger.error(failedCallLine(event, progress));
 * ```
 */
export function failedCallLine(e: Extract<RunEvent, { type: 'task:failed' }>, p: RunProgress): string {
  const last = p.lastFailure(e.callId);
  const endpoint = e.endpoint ?? last?.endpoint;
  const logRef = last && last.attempt === e.attempt ? last.logRef : undefined;
  return `${formatFailure({
    taskId: e.taskId, callId: e.callId, attempt: e.attempt, name: e.error.name, message: e.error.message,
    ...(endpoint === undefined ? {} : { endpoint }), ...(logRef === undefined ? {} : { logRef }),
    ...(last?.failure === undefined ? {} : { failure: last.failure }),
  })}; giving up`;
}
