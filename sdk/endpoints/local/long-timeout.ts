/** The longest delay setTimeout takes; longer ones fire at once (a 32-bit overflow). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * setTimeout for any delay: delays over {@link MAX_TIMER_MS} (about 24.8
 * days) are waited in chunks instead of firing at once. Returns a cancel
 * function.
 *
 * @example
 * ```ts
 * const cancel = longTimeout(() => abort(), 30 * 86_400_000); // 30 days
 * cancel();
 * ```
 */
export function longTimeout(fire: () => void, ms: number): () => void {
  let timer: NodeJS.Timeout;
  let cancelled = false;
  const until = Date.now() + ms;
  const arm = (left: number) => {
    timer = setTimeout(() => {
      const rest = until - Date.now();
      if (cancelled) return;
      if (rest > 0) arm(rest);
      else fire();
    }, Math.min(Math.max(left, 0), MAX_TIMER_MS));
  };
  arm(ms);
  return () => { cancelled = true; clearTimeout(timer); };
}
