import type { RoundCheckpoint } from './round-store.js';

/**
 * The `fl:round` event data a checkpointed round stands for, for rounds whose
 * event never reached the journal (the process died between the checkpoint's
 * commit and the journal's next group commit), so the run report still shows
 * every finished round after a resume.
 *
 * @example
 * ```ts
 * for (const e of roundEventsFromCheckpoints(store.rounds(runId), journaledRounds)) journal.recordEvent(runId, { at: e.at, type: 'fl:round', data: e.data });
 * ```
 */
export function roundEventsFromCheckpoints(
  rounds: readonly RoundCheckpoint[],
  journaled: ReadonlySet<number>,
): Array<{ at: number; data: { round: number; metrics: Readonly<Record<string, number>>; clientSeconds: Record<string, number>; strategy?: string; bytesMoved?: number } }> {
  return rounds.filter((r) => !journaled.has(r.round)).map((r) => {
    const clientSeconds: Record<string, number> = {};
    for (const [key, value] of Object.entries(r.metrics)) {
      const m = /^client\.(.+)\.seconds$/.exec(key);
      if (m) clientSeconds[m[1]!] = value;
    }
    const { bytesDown, bytesUp } = r.metrics;
    return {
      at: r.at,
      data: {
        round: r.round, metrics: r.metrics, clientSeconds,
        ...(r.strategy ? { strategy: r.strategy.name } : {}),
        ...(bytesDown !== undefined && bytesUp !== undefined ? { bytesMoved: bytesDown + bytesUp } : {}),
      },
    };
  });
}
