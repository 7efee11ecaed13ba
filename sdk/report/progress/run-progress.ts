import type { RunEvent } from '../../runtime/index.js';

/**
 * Counts of one endpoint while a run goes on.
 *
 * @example
 * ```ts
 * const e: EndpointProgress = { name: 'gpu', queued: 1, running: 2, done: 5, failedAttempts: 1, usd: 0.03 };
 * ```
 */
export interface EndpointProgress {
  readonly name: string;
  /** Calls placed here that have not started. */
  readonly queued: number;
  readonly running: number;
  readonly done: number;
  /** Attempts that failed here, retried elsewhere or not. */
  readonly failedAttempts: number;
  readonly usd: number;
}

/**
 * The last failed attempt of a call: what an error line about it names.
 *
 * @example
 * ```ts
 * const f = progress.lastFailure('c4'); // { endpoint: 'hpc', attempt: 2, logRef: 'globus-compute://task/7f3c', ... }
 * ```
 */
export interface AttemptFailureInfo {
  readonly endpoint: string;
  readonly attempt: number;
  readonly name: string;
  readonly message: string;
  readonly failure: string;
  readonly logRef?: string;
}

/**
 * Folds run events into the numbers a progress display shows: calls submitted,
 * done and failed, what each endpoint is doing, spend against the budget, and
 * the latest federated round. Robust to repeated or missing events: a call
 * counts as running on at most one endpoint.
 *
 * @example
 * ```ts
 * const progress = new RunProgress();
 * corral.events.on('event', (e) => progress.apply(e));
 * console.log(`${progress.done}/${progress.submitted}, $${progress.usd}`);
 * ```
 */
export class RunProgress {
  runId?: string;
  workflow?: string;
  budgetUsd?: number;
  submitted = 0;
  done = 0;
  failed = 0;
  usd = 0;
  joules = 0;
  finished?: { ok: boolean; error?: string };
  flRound?: number;
  flMetrics: Readonly<Record<string, number>> = {};
  private readonly where = new Map<string, { endpoint: string; phase: 'queued' | 'running' }>();
  private readonly perEndpoint = new Map<string, { done: number; failedAttempts: number; usd: number }>();
  private readonly failures = new Map<string, AttemptFailureInfo>();

  /** Updates the counts with one event. */
  apply(e: RunEvent): void {
    switch (e.type) {
      case 'run:started':
        this.runId = e.runId;
        this.workflow = e.workflow;
        this.budgetUsd = e.budget?.usd;
        break;
      case 'run:finished':
        this.finished = { ok: e.ok, ...(e.error === undefined ? {} : { error: e.error }) };
        break;
      case 'task:submitted':
        this.submitted++;
        break;
      case 'task:placed':
        this.endpoint(e.endpoint);
        this.where.set(e.callId, { endpoint: e.endpoint, phase: 'queued' });
        break;
      case 'attempt:started':
        this.endpoint(e.endpoint);
        this.where.set(e.callId, { endpoint: e.endpoint, phase: 'running' });
        break;
      case 'attempt:failed':
        this.endpoint(e.endpoint).failedAttempts++;
        this.where.delete(e.callId);
        this.failures.set(e.callId, {
          endpoint: e.endpoint, attempt: e.attempt, name: e.error.name, message: e.error.message, failure: e.error.failure,
          ...(e.logRef === undefined ? {} : { logRef: e.logRef }),
        });
        break;
      case 'task:done': {
        const ep = this.endpoint(e.endpoint);
        ep.done++;
        ep.usd += e.usd;
        this.done++;
        this.usd += e.usd;
        this.joules += e.joules;
        this.where.delete(e.callId);
        break;
      }
      case 'task:failed':
        this.failed++;
        this.where.delete(e.callId);
        break;
      case 'task:cached':
      case 'task:replayed':
        this.done++;
        break;
      case 'fl:round':
        this.flRound = e.round;
        this.flMetrics = e.metrics;
        break;
    }
  }

  /** Calls that are placed or running. */
  get active(): number {
    return this.where.size;
  }

  /** Every endpoint seen so far, in order of first use. */
  endpoints(): EndpointProgress[] {
    return [...this.perEndpoint.entries()].map(([name, c]) => {
      const here = [...this.where.values()].filter((w) => w.endpoint === name);
      return {
        name, ...c,
        queued: here.filter((w) => w.phase === 'queued').length,
        running: here.filter((w) => w.phase === 'running').length,
      };
    });
  }

  /** The last failed attempt of a call, if one failed. */
  lastFailure(callId: string): AttemptFailureInfo | undefined {
    return this.failures.get(callId);
  }

  private endpoint(name: string) {
    let c = this.perEndpoint.get(name);
    if (!c) this.perEndpoint.set(name, (c = { done: 0, failedAttempts: 0, usd: 0 }));
    return c;
  }
}
