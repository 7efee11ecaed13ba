import { inspect } from 'node:util';

/**
 * Text of a value a task threw that is not an Error, whatever it is: JSON
 * when it has a JSON form, else node's inspection. Never throws, not even on a
 * null-prototype object (no toString) or one holding a BigInt (no JSON form),
 * because error reporting must not fail where the task did.
 *
 * @example
 * ```ts
 * thrownText(Object.assign(Object.create(null), { n: 1n })); // "[Object: null prototype] { n: 1n }"
 * ```
 */
export function thrownText(value: unknown): string {
  try {
    const json = JSON.stringify(value);
    if (json !== undefined) return json;
  } catch { /* BigInt, cycles: inspect below */ }
  try {
    return inspect(value, { depth: 4, breakLength: Infinity, maxStringLength: 2000 });
  } catch (e) {
    return `(a value that cannot be described: ${(e as Error).message})`;
  }
}
