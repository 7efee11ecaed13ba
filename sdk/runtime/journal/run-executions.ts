import type { EventRow } from './rows.js';

/** The event a resume writes: where the calls of the new execution start. */
export const RESUMED_EVENT = 'run:resumed';

/** The stored error of a call a killed run left unfinished (JSON, like every call error). */
export const INTERRUPTED_ERROR = JSON.stringify({ name: 'RunInterrupted', message: 'interrupted: the run stopped before this call finished; re-run on resume' });

/** The data of a {@link RESUMED_EVENT}. */
export function resumeEvent(firstSeq: number): string {
  return JSON.stringify({ firstSeq });
}

/**
 * The sequence number of the first call of a run's latest execution, from its
 * resume events (1 when it never resumed, or resumed by a corral that did not
 * record them).
 */
export function startOfLatestExecution(resumes: readonly EventRow[]): number {
  for (let i = resumes.length - 1; i >= 0; i--) {
    try {
      const seq = (JSON.parse(resumes[i]!.data ?? '') as { firstSeq?: unknown }).firstSeq;
      if (typeof seq === 'number' && Number.isInteger(seq)) return seq;
    } catch { /* a damaged event: look at the one before */ }
  }
  return 1;
}
