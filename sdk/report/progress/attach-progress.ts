import { createRequire } from 'node:module';
import type * as CliProgress from 'cli-progress';
import type { RunEvent, RunEvents } from '../../runtime/index.js';
import { redactSecrets } from '../../secrets/index.js';
import { formatUsd } from '../format.js';
import { progressLine, progressSummary } from './progress-lines.js';
import { RunProgress } from './run-progress.js';

/**
 * Options of {@link attachProgress}.
 *
 * @example
 * ```ts
 * const opts: ProgressOptions = { tty: process.stderr.isTTY, stream: process.stderr };
 * ```
 */
export interface ProgressOptions {
  /** Live bars when true, one line per notable event when false; default: whether `stream` is a TTY. */
  readonly tty?: boolean;
  /** Where to draw; default `process.stderr`, so stdout stays free for results. */
  readonly stream?: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * A progress display attached to a run's events.
 *
 * @example
 * ```ts
 * const view = attachProgress(corral.events);
 * await corral.run(Images, 'pipeline', images);
 * view.detach();
 * ```
 */
export interface ProgressView {
  /** The counts behind the display, of the run started last. */
  readonly progress: RunProgress;
  /** Stops listening and clears the live bars. */
  detach(): void;
}

/**
 * Shows a run's progress: on a TTY, live bars (calls done of submitted, active
 * and failed, spend against the budget, the federated round and accuracy, and
 * one bar per endpoint with its done, running, queued and failed attempts);
 * otherwise one plain line per finished call, failure, FL round and run end.
 * Failure lines name the task, endpoint, attempt and remote log. Counts start
 * again at each `run:started`; runs of one session are expected one at a time.
 *
 * @example
 * ```ts
 * const corral = await Corral.open({ endpoints: 'endpoints.yaml' });
 * const view = attachProgress(corral.events, { tty: process.stderr.isTTY });
 * try { await corral.run(Images, 'pipeline', images); } finally { view.detach(); }
 * ```
 */
export function attachProgress(events: RunEvents, options: ProgressOptions = {}): ProgressView {
  const stream = options.stream ?? process.stderr;
  const tty = options.tty ?? Boolean(stream.isTTY);
  let progress = new RunProgress();
  let show: Display | undefined;
  const listener = (e: RunEvent) => {
    // A session can run several workflows one after another: each gets fresh counts and bars.
    if (e.type === 'run:started' && progress.runId !== undefined) {
      show?.stop();
      show = undefined;
      progress = new RunProgress();
    }
    show ??= tty ? liveBars(stream, progress) : plainLines(stream, progress);
    progress.apply(e);
    show.update(e);
  };
  events.on('event', listener);
  return {
    get progress() { return progress; },
    detach() {
      events.off('event', listener);
      show?.stop();
    },
  };
}

interface Display {
  update(e: RunEvent): void;
  stop(): void;
}

function plainLines(stream: NodeJS.WritableStream, progress: RunProgress): Display {
  return {
    update(e) {
      const line = progressLine(e, progress);
      if (line) stream.write(`${redactSecrets(line)}\n`);
    },
    stop() {},
  };
}

function liveBars(stream: NodeJS.WritableStream, progress: RunProgress): Display {
  // Loaded when bars are drawn (a terminal): plain lines, JSON logs and library use never load it.
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof CliProgress;
  const multi = new cliProgress.MultiBar({
    stream: stream as NodeJS.WriteStream,
    // cli-progress would otherwise refuse to draw on a stream it thinks is not a TTY.
    noTTYOutput: true,
    clearOnComplete: false,
    hideCursor: true,
    format: '{label} {bar} {value}/{total} | {detail}',
    barsize: 24,
    fps: 5,
  }, cliProgress.Presets.shades_classic);
  const total = multi.create(1, 0, { label: 'calls'.padEnd(14), detail: '' });
  const bars = new Map<string, CliProgress.SingleBar>();
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    multi.update(); // flushes failure lines still waiting in cli-progress's log buffer
    multi.stop();
  };
  return {
    update(e) {
      if (stopped) return;
      if (e.type === 'attempt:failed' || e.type === 'task:failed') {
        const line = progressLine(e, progress);
        if (line) multi.log(`${redactSecrets(line)}\n`);
      }
      total.setTotal(Math.max(1, progress.submitted));
      total.update(progress.done, { detail: progressSummary(progress) });
      for (const ep of progress.endpoints()) {
        let bar = bars.get(ep.name);
        if (!bar) bars.set(ep.name, (bar = multi.create(1, 0, { label: `  ${ep.name}`.slice(0, 14).padEnd(14), detail: '' })));
        bar.setTotal(Math.max(1, ep.done + ep.running + ep.queued));
        bar.update(ep.done, { detail: `${ep.running} running, ${ep.queued} queued, ${ep.failedAttempts} failed attempts, ${formatUsd(ep.usd)}` });
      }
      if (e.type === 'run:finished') {
        stop();
        stream.write(`${redactSecrets(progressLine(e, progress) ?? '')}\n`);
      }
    },
    stop,
  };
}
