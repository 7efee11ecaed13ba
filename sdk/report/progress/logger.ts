import { createRequire } from 'node:module';
import type * as Pino from 'pino';
import type { DestinationStream, Logger } from 'pino';
import { redactSecrets } from '../../secrets/index.js';
import type { RunEvent, RunEvents } from '../../runtime/index.js';
import { formatFailure } from './error-line.js';
import { failedCallLine, progressLine } from './progress-lines.js';
import { RunProgress } from './run-progress.js';

/**
 * Levels accepted by `--log-level`.
 *
 * @example
 * ```ts
 * program.option('--log-level <level>', `one of ${LOG_LEVELS.join(', ')}`, 'info');
 * ```
 */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * One of {@link LOG_LEVELS}.
 *
 * @example
 * ```ts
 * const level: LogLevel = 'debug';
 * ```
 */
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * A structured (JSON lines) logger named `corral`, writing to stderr by default
 * so that stdout carries only results. Secret values of the environment are
 * redacted from every line.
 *
 * @example
 * ```ts
 * const log = createLogger({ level: 'debug' });
 * log.info({ endpoint: 'gpu' }, 'endpoint online');
 * ```
 */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  const level = options.level ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new RangeError(`log level "${level}" is not one of ${LOG_LEVELS.join(', ')}`);
  }
  // Loaded with the first logger (`--log-format json`): a run that logs no JSON does not carry pino.
  const { pino } = createRequire(import.meta.url)('pino') as typeof Pino;
  const sink = options.destination ?? pino.destination({ fd: 2, sync: true });
  return pino({ name: 'corral', level }, { write: (line: string) => sink.write(redactSecrets(line)) });
}

/**
 * Logs every event of a run: placement and attempt starts at debug, finished
 * calls and FL rounds at info, failed attempts at warn, failed calls at error.
 * Each line carries runId, callId, taskId, endpoint and attempt as fields, and
 * failure messages name the task, endpoint, attempt and remote log.
 * Returns a function that stops logging.
 *
 * @example
 * ```ts
 * const stop = logRunEvents(corral.events, createLogger({ level: 'info' }));
 * await corral.run(Images, 'pipeline', images);
 * stop();
 * ```
 */
export function logRunEvents(events: RunEvents, log: Logger): () => void {
  const progress = new RunProgress();
  const listener = (e: RunEvent) => {
    progress.apply(e);
    const { type, ...fields } = e;
    const base = { event: type, ...fields };
    switch (e.type) {
      case 'task:submitted':
      case 'task:placed':
      case 'attempt:started':
        log.debug(base, `${type} ${e.taskId} (call ${e.callId})${'endpoint' in e ? ` on ${e.endpoint}` : ''}`);
        break;
      case 'attempt:failed':
        log.warn(base, formatFailure({
          taskId: e.taskId, callId: e.callId, endpoint: e.endpoint, attempt: e.attempt, name: e.error.name, message: e.error.message,
          failure: e.error.failure, willRetry: e.willRetry, ...(e.logRef === undefined ? {} : { logRef: e.logRef }),
        }));
        break;
      case 'task:failed': {
        const last = progress.lastFailure(e.callId);
        log.error({ ...base, endpoint: e.endpoint ?? last?.endpoint, logRef: last?.logRef }, failedCallLine(e, progress));
        break;
      }
      case 'run:finished':
        (e.ok ? log.info.bind(log) : log.error.bind(log))(base, `run ${e.runId} ${e.ok ? 'finished' : `failed: ${e.error ?? 'unknown error'}`}`);
        break;
      default:
        log.info(base, progressLine(e, progress) ?? type);
    }
  };
  events.on('event', listener);
  return () => events.off('event', listener);
}
