import { RoundStore, roundEventsFromCheckpoints } from '../federated/index.js';
import type { RunEvent, RunEvents } from './events.js';
import type { Journal } from './journal/index.js';

/**
 * Keeps federated rounds in the journal, as part of their run's story (for
 * reports and resume): every `fl:round` event of the session becomes an
 * event row. Returns a function that stops listening.
 *
 * @example
 * ```ts
 * const stop = journalFederatedRounds(corral.events, corral.journal);
 * ```
 */
export function journalFederatedRounds(events: RunEvents, journal: Journal): () => void {
  const listener = (e: Extract<RunEvent, { type: 'fl:round' }>) => {
    const { type: _t, runId, at, ...data } = e;
    journal.recordEvent(runId, { at, type: 'fl:round', data });
  };
  events.on('fl:round', listener);
  return () => events.off('fl:round', listener);
}

/**
 * Before a federated run resumes: rounds checkpointed just before a crash may
 * lack their journaled event; restores them so the report has every round.
 *
 * @example
 * ```ts
 * restoreRoundEvents(journal, runId);
 * ```
 */
export function restoreRoundEvents(journal: Journal, runId: string): void {
  const journaled = new Set(journal.events(runId).filter((e) => e.type === 'fl:round' && e.data).map((e) => (JSON.parse(e.data!) as { round: number }).round));
  for (const e of roundEventsFromCheckpoints(new RoundStore(journal.db).rounds(runId), journaled)) {
    journal.recordEvent(runId, { at: e.at, type: 'fl:round', data: e.data });
  }
}
