/**
 * What an error line about a failed attempt or call names.
 *
 * @example
 * ```ts
 * const f: FailureFacts = { taskId: 'Images.classify', callId: 'c4', endpoint: 'hpc', attempt: 2, name: 'ModuleNotFoundError', message: "No module named 'numpy'" };
 * ```
 */
export interface FailureFacts {
  readonly taskId: string;
  readonly callId: string;
  /** Absent when the call never reached an endpoint (for example, refused by the budget). */
  readonly endpoint?: string;
  readonly attempt: number;
  readonly name: string;
  readonly message: string;
  /** `error`, `crash`, `timeout`, `preempted`, `offline`, `payload`... */
  readonly failure?: string;
  readonly logRef?: string;
  /** True when another attempt follows. */
  readonly willRetry?: boolean;
}

/**
 * One line that says which task failed, where, on which attempt, why, and
 * where its remote log is (when the endpoint keeps one).
 *
 * @example
 * ```ts
 * formatFailure({ taskId: 'Images.classify', callId: 'c4', endpoint: 'hpc', attempt: 2, name: 'ModuleNotFoundError', message: "No module named 'numpy'", logRef: 'globus-compute://task/7f3c' });
 * // "task Images.classify (call c4) failed on endpoint hpc, attempt 2: ModuleNotFoundError: No module named 'numpy'; remote log: globus-compute://task/7f3c"
 * ```
 */
export function formatFailure(f: FailureFacts): string {
  const where = f.endpoint ? `on endpoint ${f.endpoint}` : 'before reaching an endpoint';
  const kind = f.failure && f.failure !== 'error' ? ` (${f.failure})` : '';
  const log = f.logRef ? `; remote log: ${f.logRef}` : '';
  const next = f.willRetry ? '; retrying' : '';
  return `task ${f.taskId} (call ${f.callId}) failed ${where}, attempt ${f.attempt}${kind}: ${f.name}: ${f.message}${log}${next}`;
}
