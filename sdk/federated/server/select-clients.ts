import { TooFewClientsError } from '../errors.js';
import { seededRandom, shuffleInPlace } from '../partition/random.js';

/**
 * Chooses this round's clients as Flower does: `fraction` of the available
 * ones, at least `minClients`, seeded by round so reruns pick the same.
 *
 * @example
 * ```ts
 * const chosen = selectClients(online, { fraction: 0.5, minClients: 2, round: 3, seed: 7 });
 * ```
 */
export function selectClients<T>(available: readonly T[], options: { fraction: number; minClients: number; round: number; seed: number }): T[] {
  const { fraction, minClients, round, seed } = options;
  if (available.length < minClients) {
    throw new TooFewClientsError(`round ${round}: ${available.length} clients available, minClients is ${minClients}`, available.length, minClients, { round });
  }
  const count = Math.min(available.length, Math.max(minClients, Math.ceil(fraction * available.length)));
  if (count === available.length) return [...available];
  return shuffleInPlace([...available], seededRandom(`${seed}:select:${round}`)).slice(0, count);
}
