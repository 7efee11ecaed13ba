import { Corral } from '../../runtime/index.js';
import { attachProgress } from './attach-progress.js';
import { createLogger, logRunEvents } from './logger.js';

/**
 * Options of {@link followSessions}.
 *
 * @example
 * ```ts
 * const opts: FollowOptions = { level: 'debug' }; // JSON logs instead of progress
 * ```
 */
export interface FollowOptions {
  /** Log level (`--log-level`); default `info`. */
  readonly level?: string;
  /**
   * JSON log lines (pino, stderr) instead of the human progress display.
   * Default: true at `debug` and `trace`, where the detail is the point.
   */
  readonly json?: boolean;
  /** Force live bars (true) or plain lines (false); default: whether the stream is a TTY. */
  readonly tty?: boolean;
  /** Where progress and logs go; default `process.stderr`. */
  readonly stream?: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * Shows the progress of every corral session opened in this process from now
 * on (what `corral run` wants for a user's script): live bars or plain lines,
 * or structured JSON logs. Returns a function that stops following new
 * sessions and detaches from the ones followed.
 *
 * @example
 * ```ts
 * const stop = followSessions({ level: program.opts().logLevel });
 * await import(pathToFileURL(script).href);   // the script opens sessions and runs workflows
 * stop();
 * ```
 */
export function followSessions(options: FollowOptions = {}): () => void {
  const level = options.level ?? 'info';
  const json = options.json ?? (level === 'debug' || level === 'trace');
  const logger = json ? createLogger({ level, ...(options.stream ? { destination: options.stream } : {}) }) : undefined;
  const detachers: Array<() => void> = [];
  const unhook = Corral.onOpen((corral) => {
    if (logger) detachers.push(logRunEvents(corral.events, logger));
    else if (level !== 'silent') {
      const view = attachProgress(corral.events, { ...(options.tty === undefined ? {} : { tty: options.tty }), ...(options.stream ? { stream: options.stream } : {}) });
      detachers.push(() => view.detach());
    }
  });
  return () => {
    unhook();
    for (const detach of detachers.splice(0)) detach();
  };
}
