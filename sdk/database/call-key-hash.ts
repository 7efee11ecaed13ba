/**
 * The number a call's replay key is indexed by (`calls.key_hash`, index
 * `calls_by_key_hash`): a 32-bit FNV-1a hash of the key's prefix, up to and
 * including its last `:` (`task:argsHash:`), so every occurrence of a (task,
 * arguments) pair shares it. A signed 32-bit integer takes 4 bytes in SQLite:
 * the index holds ~350 keys per page, where the text keys it replaced held
 * ~50, so a busy run's random key inserts touch far fewer pages and the index
 * stays in the page cache. Two prefixes may share a hash: readers also compare
 * the key itself.
 *
 * @example
 * ```ts
 * callKeyHash('Images.thumbnail:Yb3k:2') === callKeyHash('Images.thumbnail:Yb3k:'); // true
 * ```
 */
export function callKeyHash(key: string): number {
  const end = key.lastIndexOf(':') + 1;
  let h = 0x811c9dc5;
  for (let i = 0; i < end; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h | 0;
}
