import fc from 'fast-check';

/**
 * Cases per property: small in `npm test`, as many as CORRAL_FUZZ_RUNS says in
 * a campaign (`CORRAL_FUZZ_RUNS=20000 npm run jest -- __tests__/fuzz`).
 * CORRAL_FUZZ_SEED replays a failure fast-check reported.
 */
export function fuzzParameters(defaultRuns: number): fc.Parameters<unknown> {
  const runs = Number(process.env.CORRAL_FUZZ_RUNS ?? defaultRuns);
  const seed = process.env.CORRAL_FUZZ_SEED;
  return { numRuns: Number.isInteger(runs) && runs > 0 ? runs : defaultRuns, ...(seed ? { seed: Number(seed) } : {}) };
}

/** Jest's timeout for a property: a campaign may run far longer than the default. */
export const FUZZ_TIMEOUT_MS = process.env.CORRAL_FUZZ_RUNS ? 3_600_000 : 60_000;

/**
 * Runs `parse` and says whether it ended acceptably: returned, or threw one of
 * corral's errors (a stable `code` and a message naming `mustName`, the file or
 * the option). A TypeError, RangeError or a bare Error is a crash: rethrown.
 */
export function expectCleanOutcome(parse: () => unknown, mustName: string | RegExp): 'ok' | 'refused' {
  try {
    parse();
    return 'ok';
  } catch (error) {
    const e = error as { code?: unknown; message?: unknown; name?: unknown };
    const named = typeof e.message === 'string' && (typeof mustName === 'string' ? e.message.includes(mustName) : mustName.test(e.message));
    if (typeof e.code === 'string' && e.code.startsWith('CORRAL_') && named) return 'refused';
    throw error;
  }
}
