/** Bits in a run's filter of the (task, arguments) pairs it has seen: 256 KiB, whatever the number of calls. */
const FILTER_BITS = 2 ** 21;
const PROBES = 3;

/**
 * Gives each call of a run its replay key: task, arguments' hash, and which
 * occurrence of that pair in this execution of the run it is (`T:h:1`,
 * `T:h:2`...). Only calls still in flight are counted in memory; a finished
 * call's key is in the journal, so a run of a million calls holds no entry per
 * finished call. A fixed-size filter of the pairs seen so far answers "never
 * seen" (occurrence 1, the common case) without asking the journal; a pair it
 * may have seen is counted in the journal (`committed`).
 *
 * @example
 * ```ts
 * const keys = new CallKeys((prefix) => journal.lastOccurrence(runId, prefix, firstSeq));
 * const key = keys.acquire('Images.thumbnail', argsHash); // 'Images.thumbnail:<hash>:1'
 * // ...once the call's last journal row has committed:
 * keys.release('Images.thumbnail', argsHash, key);
 * ```
 */
export class CallKeys {
  /** Per task, per arguments' hash: the newest occurrence handed to a call whose rows may not have committed yet. */
  private readonly live = new Map<string, Map<string, number>>();
  private readonly seen = new Uint32Array(FILTER_BITS / 32);

  /** `committed(prefix)`: the highest occurrence among this execution's committed call keys starting with `prefix` (0 when none). */
  constructor(private readonly committed: (prefix: string) => number) {}

  /** The replay key of a new call of `taskId` whose arguments hash to `argsHash`. */
  acquire(taskId: string, argsHash: string): string {
    let byHash = this.live.get(taskId);
    if (!byHash) this.live.set(taskId, (byHash = new Map()));
    const prefix = `${taskId}:${argsHash}:`;
    const last = byHash.get(argsHash) ?? (this.markSeen(taskId, argsHash) ? this.committed(prefix) : 0);
    byHash.set(argsHash, last + 1);
    return `${prefix}${last + 1}`;
  }

  /**
   * The call holding `callKey` is over and its rows have committed: its pair
   * leaves memory when it was the newest occurrence (the journal now counts it).
   */
  release(taskId: string, argsHash: string, callKey: string): void {
    const byHash = this.live.get(taskId);
    if (byHash?.get(argsHash) === Number(callKey.slice(callKey.lastIndexOf(':') + 1))) byHash.delete(argsHash);
  }

  /** Pairs held in memory: at most one per call in flight. */
  get size(): number {
    let n = 0;
    for (const byHash of this.live.values()) n += byHash.size;
    return n;
  }

  /** Adds the pair to the filter; whether it may have been there already (false: certainly new). */
  private markSeen(taskId: string, argsHash: string): boolean {
    // FNV-1a over both strings, and a second hash for double hashing (Kirsch-Mitzenmacher).
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193;
    for (const s of [taskId, argsHash]) {
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        h1 = Math.imul(h1 ^ c, 0x01000193);
        h2 = Math.imul(h2 + c, 0x5bd1e995) ^ (h2 >>> 15);
      }
      h1 = Math.imul(h1 ^ 0x3a, 0x01000193);
    }
    let present = true;
    for (let k = 0; k < PROBES; k++) {
      const bit = (h1 + Math.imul(k, h2 | 1)) & (FILTER_BITS - 1);
      const word = bit >>> 5;
      const mask = 1 << (bit & 31);
      if ((this.seen[word]! & mask) === 0) {
        present = false;
        this.seen[word] = this.seen[word]! | mask;
      }
    }
    return present;
  }
}
