import type { CallState } from './call-state.js';

/**
 * A call's replay key: `task:argsHash:n`, n its occurrence in this execution
 * (with n '', the prefix every occurrence's key starts with).
 *
 * @example
 * ```ts
 * callKey('Images.thumbnail', 'Yb3k...', 2); // 'Images.thumbnail:Yb3k...:2'
 * ```
 */
export function callKey(taskId: string, argsHash: string, n: number | ''): string {
  return `${taskId}:${argsHash}:${n}`;
}

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
 * const n = keys.acquire('Images.thumbnail', argsHash); // 1: its key is callKey('Images.thumbnail', argsHash, 1)
 * // ...once the call's last journal row has committed:
 * keys.release('Images.thumbnail', argsHash, n);
 * ```
 */
export class CallKeys {
  /** Per task, per arguments' hash: the newest occurrence handed to a call whose rows may not have committed yet. */
  private readonly live = new Map<string, Map<string, number>>();
  private readonly seen = new Uint32Array(FILTER_BITS / 32);

  /** `committed(prefix)`: the highest occurrence among this execution's committed call keys starting with `prefix` (0 when none). */
  constructor(private readonly committed: (prefix: string) => number) {}

  /**
   * Which occurrence a new call of `taskId` whose arguments hash to
   * `argsHash` is (its key is {@link callKey}`(taskId, argsHash, n)`): a
   * number, which a call in flight holds more cheaply than its key's text.
   */
  acquire(taskId: string, argsHash: string): number {
    let byHash = this.live.get(taskId);
    if (!byHash) this.live.set(taskId, (byHash = new Map()));
    const last = byHash.get(argsHash) ?? (this.markSeen(taskId, argsHash) ? this.committed(callKey(taskId, argsHash, '')) : 0);
    byHash.set(argsHash, last + 1);
    return last + 1;
  }

  /**
   * The call that was occurrence `n` is over and its rows have committed: its
   * pair leaves memory when it was the newest occurrence (the journal now counts it).
   */
  release(taskId: string, argsHash: string, n: number): void {
    const byHash = this.live.get(taskId);
    if (byHash?.get(argsHash) === n) byHash.delete(argsHash);
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
    // Both strings in turn, without an array of them per call.
    for (let part = 0; part < 2; part++) {
      const s = part === 0 ? taskId : argsHash;
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

/**
 * A call's replay key (task, arguments' hash, occurrence), once it has one:
 * what resume finds it by, and the lineage its kept results carry.
 *
 * @example
 * ```ts
 * callKeyOf(call); // 'Images.thumbnail:Yb3k...:1'
 * ```
 */
export function callKeyOf(call: Pick<CallState, 'def' | 'argsHash' | 'occurrence'>): string | undefined {
  return call.occurrence === undefined ? undefined : callKey(call.def.id, call.argsHash!, call.occurrence);
}
