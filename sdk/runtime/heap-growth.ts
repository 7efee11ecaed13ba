import { setFlagsFromString } from 'node:v8';

// The percentage of every open session; the tightest one applies.
const held: number[] = [];

/**
 * Caps how far V8 lets this process's old generation grow past what survived
 * its last full collection, while a session holds the cap (the tightest of
 * the open sessions applies); the release function gives V8 its own rule back
 * once no session holds one.
 *
 * Why: an orchestrator keeps thousands of calls in flight for a second or
 * more, so their objects are promoted before they die. On a machine with much
 * memory, V8's own rule lets the old generation reach about 4x its live size
 * between full collections: the 100,000-call benchmark peaked at 340-390 MB of
 * RSS for 43 MB of live heap. Capped at 50%, it peaks at 220-265 MB for a few
 * more (concurrent) marking cycles. A `--heap-growing-percent` given to node
 * on its command line is the user's choice and is left alone.
 *
 * @example
 * ```ts
 * const release = capHeapGrowth(50);
 * try { await work(); } finally { release(); }
 * ```
 */
export function capHeapGrowth(percent: number | false): () => void {
  if (percent === false || process.execArgv.some((a) => /^--heap[-_]growing[-_]percent/.test(a))) return () => undefined;
  held.push(percent);
  apply();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    held.splice(held.indexOf(percent), 1);
    apply();
  };
}

function apply(): void {
  // 0 is V8's "no fixed percentage": its own rule, driven by how fast collections are.
  setFlagsFromString(`--heap-growing-percent=${held.length > 0 ? Math.min(...held) : 0}`);
}
