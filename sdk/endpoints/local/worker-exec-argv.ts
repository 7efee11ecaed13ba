import { withoutTypeScriptLoader } from './thread-entry.js';

/**
 * The node flags of this process that a worker thread takes. A worker refuses
 * V8 and process-wide flags (`--max-old-space-size`, `--max-semi-space-size`,
 * `--expose-gc`, `--stack-size`, ...): `new Worker` throws on them, so a user
 * who sized corral's own heap could not start a local endpoint at all. Node
 * names the refused flags in its error; `start` is tried again without them,
 * and they are reported once on stderr (a worker's heap limit is the
 * endpoint's `maxMemoryMB`). A TypeScript loader is never passed on either
 * (see thread-entry.ts).
 *
 * @example
 * ```ts
 * const pool = withWorkerFlags(process.execArgv, 'laptop', (execArgv) => new Piscina({ filename, execArgv }));
 * ```
 */
export function withWorkerFlags<T>(execArgv: readonly string[], endpoint: string, start: (execArgv: string[]) => T): T {
  let flags = withoutTypeScriptLoader(execArgv);
  for (;;) {
    try {
      return start(flags);
    } catch (error) {
      const refused = refusedFlags(error);
      const kept = refused ? flags.filter((f) => !refused.includes(f)) : flags;
      if (kept.length === flags.length) throw error;
      warnOnce(`[corral] endpoint ${endpoint}: worker threads do not take the node flags ${flags.filter((f) => !kept.includes(f)).join(' ')} (V8 and process-wide flags apply to corral's own process only); its workers start without them (maxMemoryMB sets a worker's heap limit)\n`);
      flags = kept;
    }
  }
}

/** The flags node names in ERR_WORKER_INVALID_EXEC_ARGV ("Initiated Worker with invalid execArgv flags: --a, --b"). */
function refusedFlags(error: unknown): string[] | undefined {
  if ((error as { code?: string } | null)?.code !== 'ERR_WORKER_INVALID_EXEC_ARGV') return undefined;
  const listed = /flags: (.*)$/s.exec((error as Error).message)?.[1];
  return listed?.split(', ');
}

const warned = new Set<string>();

function warnOnce(text: string): void {
  if (warned.has(text)) return;
  warned.add(text);
  process.stderr.write(text);
}
