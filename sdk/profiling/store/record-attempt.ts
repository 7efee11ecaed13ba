import type { AttemptTimings } from '../../endpoints/index.js';
import type { Predictor } from '../predictor.js';
import type { ProfileAttempt, ProfileStore } from './profile-store.js';

/** A finished attempt as the runtime reports it to its observers. */
export interface FinishedAttempt {
  readonly runId?: string;
  readonly callId?: string;
  readonly taskId: string;
  readonly endpoint: string;
  readonly attempt?: number;
  readonly features: Readonly<Record<string, number>>;
  readonly inputBytes?: number;
  readonly outcome: 'ok' | 'error';
  readonly failure?: string;
  readonly timings: AttemptTimings;
  readonly bundleHash?: string;
}

/**
 * Records one finished attempt in the store and, when given, teaches the
 * predictor from it (successful attempts only). Run seconds come from the
 * endpoint's measure, else from its start and end stamps.
 *
 * @example
 * ```ts
 * recordAttempt(store, predictor, { taskId: 'Images.thumbnail', endpoint: 'laptop', features: { bytes: 1e6 }, outcome: 'ok', timings });
 * ```
 */
export function recordAttempt(store: ProfileStore | undefined, predictor: Predictor | undefined, a: FinishedAttempt): void {
  const row = profileAttemptOf(a);
  store?.record(row);
  observeAttempt(predictor, a, row.runSeconds);
}

/**
 * Teaches a predictor from a finished attempt that succeeded in `runSeconds`
 * (see {@link profileAttemptOf}); failed or unmeasured attempts teach nothing.
 *
 * @example
 * ```ts
 * observeAttempt(predictor, attempt, profileAttemptOf(attempt).runSeconds);
 * ```
 */
export function observeAttempt(predictor: Predictor | undefined, a: FinishedAttempt, runSeconds: number | undefined): void {
  if (predictor && a.outcome === 'ok' && runSeconds !== undefined && runSeconds > 0) {
    const t = a.timings;
    predictor.observe({
      taskId: a.taskId, endpoint: a.endpoint, features: a.features, runSeconds, queueSeconds: t.queueSeconds,
      coldStartSeconds: t.coldStartSeconds, transferInBytes: t.transferInBytes ?? a.inputBytes, transferOutBytes: t.transferOutBytes, outcome: 'ok',
    });
  }
}

/**
 * A finished attempt as the profile store keeps it: run seconds from the
 * endpoint's measure, else from its start and end stamps.
 *
 * @example
 * ```ts
 * store.recordMany(finished.map(profileAttemptOf));
 * ```
 */
export function profileAttemptOf(a: FinishedAttempt): ProfileAttempt {
  const t = a.timings;
  const runSeconds = t.runSeconds ?? (t.startedAt !== undefined && t.endedAt !== undefined ? (t.endedAt - t.startedAt) / 1000 : undefined);
  return {
    taskId: a.taskId, bundleHash: a.bundleHash, endpoint: a.endpoint, runId: a.runId, callId: a.callId, attempt: a.attempt,
    features: a.features, queueSeconds: t.queueSeconds, transferInBytes: t.transferInBytes ?? a.inputBytes, transferOutBytes: t.transferOutBytes,
    coldStartSeconds: t.coldStartSeconds, runSeconds, cpuSeconds: t.cpuSeconds, peakMemoryBytes: t.peakMemoryBytes,
    outcome: a.outcome, failure: a.failure, recordedAt: t.endedAt,
  };
}

/**
 * An observer for `Corral.open({ observers })`: records every finished
 * attempt in the store (the runtime already teaches its own predictor).
 *
 * @example
 * ```ts
 * const corral = await Corral.open({ observers: [profileObserver(store)] });
 * ```
 */
export function profileObserver(store: ProfileStore): (attempt: FinishedAttempt) => void {
  return (attempt) => recordAttempt(store, undefined, attempt);
}
