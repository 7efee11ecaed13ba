import { CorralError } from '../errors/index.js';
/**
 * A task failed for good (after its retries). Names the task, the call, the
 * endpoint and attempt, and carries the remote error's name and stack.
 *
 * @example
 * ```ts
 * try { await corral.run(Images, 'pipeline', imgs); } catch (e) {
 *   if (e instanceof TaskFailedError) console.error(e.taskId, e.endpoint, e.attempt, e.at, e.remoteStack); // e.at: 'tasks/images.ts:12:11'
 * }
 * ```
 */
export class TaskFailedError extends CorralError {
  override name = 'TaskFailedError';
  readonly code = 'CORRAL_TASK_FAILED';
  constructor(
    readonly taskId: string,
    readonly callId: string,
    readonly endpoint: string | undefined,
    readonly attempt: number,
    readonly remoteName: string,
    readonly remoteMessage: string,
    readonly remoteStack?: string,
    readonly logRef?: string,
    /** Where in the user's code it was thrown (`tasks/shapes.ts:7:28`), when its stack says. */
    readonly at?: string,
  ) {
    super(`task ${taskId} (call ${callId}) failed${endpoint ? ` on endpoint ${endpoint}` : ''}, attempt ${attempt}: ${remoteName}: ${remoteMessage}${at ? ` (at ${at})` : ''}${logRef ? ` [remote log: ${logRef}]` : ''}`);
  }
}

/**
 * A call was not run because a call it depends on failed.
 *
 * @example
 * ```ts
 * if (e instanceof UpstreamFailedError) console.error(`${e.taskId} skipped: ${e.upstreamTaskId} failed`);
 * ```
 */
export class UpstreamFailedError extends CorralError {
  override name = 'UpstreamFailedError';
  readonly code = 'CORRAL_UPSTREAM_FAILED';
  constructor(readonly taskId: string, readonly callId: string, readonly upstreamTaskId: string, readonly upstreamCallId: string, readonly upstream: Error) {
    super(`task ${taskId} (call ${callId}) was not run: its input from ${upstreamTaskId} (call ${upstreamCallId}) failed: ${upstream.message}`, { cause: upstream });
  }
}

/**
 * An argument cannot cross to a worker (a function, symbol, promise, or an
 * instance of a class with methods). Raised before dispatch.
 *
 * @example
 * ```ts
 * if (e instanceof ArgumentError) console.error(e.taskId, e.argument, e.path);
 * ```
 */
export class ArgumentError extends CorralError {
  override name = 'ArgumentError';
  readonly code = 'CORRAL_BAD_ARGUMENT';
  constructor(readonly taskId: string, readonly argument: string, readonly path: string, reason: string) {
    super(`task ${taskId}: argument ${argument}${path ? ` at ${path}` : ''} ${reason}`);
  }
}

/**
 * No endpoint can run a task: unknown names in its allow-list, resources no
 * endpoint has, or every allowed endpoint offline. Says why for each endpoint.
 *
 * @example
 * ```ts
 * if (e instanceof NoEndpointError) console.error(e.reasons);
 * ```
 */
export class NoEndpointError extends CorralError {
  override name = 'NoEndpointError';
  readonly code = 'CORRAL_NO_ENDPOINT';
  constructor(readonly taskId: string, readonly reasons: Record<string, string>) {
    super(`task ${taskId} cannot run on any endpoint: ${Object.entries(reasons).map(([e, r]) => `${e}: ${r}`).join('; ')}`);
  }
}

/**
 * An endpoint name (in `@remote({ endpoints })`, a policy's decision or the
 * configuration) is not one of the session's endpoints.
 *
 * @example
 * ```ts
 * if (e instanceof UnknownEndpointError) console.error(e.endpoint, e.known);
 * ```
 */
export class UnknownEndpointError extends CorralError {
  override name = 'UnknownEndpointError';
  readonly code = 'CORRAL_UNKNOWN_ENDPOINT';
  constructor(readonly endpoint: string, readonly known: string[], where: string) {
    super(`${where}: unknown endpoint "${endpoint}"; endpoints of this session: ${known.join(', ') || '(none)'}`);
  }
}

/**
 * `corral.run` was asked for something it cannot run: an unknown method, a
 * method without a corral decorator, or a class that is not decorated.
 *
 * @example
 * ```ts
 * await corral.run(Images, 'pipline'); // WorkflowError: Images has no method "pipline" (did you mean "pipeline"?)
 * ```
 */
export class WorkflowError extends CorralError {
  override name = 'WorkflowError';
  readonly code = 'CORRAL_BAD_WORKFLOW';
}

/**
 * The session was closed: no more runs or calls.
 *
 * @example
 * ```ts
 * await corral.close(); await corral.run(A, 'm'); // SessionClosedError
 * ```
 */
export class SessionClosedError extends CorralError {
  override name = 'SessionClosedError';
  readonly code = 'CORRAL_SESSION_CLOSED';
  constructor(what: string) {
    super(`${what}: the corral session is closed (Corral.open() a new one)`);
  }
}

/**
 * Running a call would break a budget; `onExceed: 'fail'` stops here.
 *
 * @example
 * ```ts
 * if (e instanceof BudgetExceededError) console.error(e.taskId, e.resource, e.limit, e.projected);
 * ```
 */
export class BudgetExceededError extends CorralError {
  override name = 'BudgetExceededError';
  readonly code = 'CORRAL_BUDGET_EXCEEDED';
  constructor(readonly taskId: string, readonly resource: 'usd' | 'joules' | 'deadlineS', readonly limit: number, readonly projected: number, detail: string) {
    super(`task ${taskId} not started: ${detail} (budget ${resource} ${limit}, projected ${+projected.toPrecision(4)})`);
  }
}
