import { deserialize, serialize } from 'node:v8';
import { secretValues } from './secret-env.js';

/** What a redacted secret reads as. */
export const REDACTED = '[redacted]';

/**
 * Replaces every secret value (see {@link secretValues}) in a text.
 *
 * @example
 * ```ts
 * redactSecrets(`auth failed for ${secret}`); // 'auth failed for [redacted]'
 * ```
 */
export function redactSecrets(text: string, env: Readonly<Record<string, string | undefined>> | readonly string[] = process.env): string {
  let out = text;
  for (const secret of Array.isArray(env) ? env : secretValues(env as Record<string, string | undefined>)) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/**
 * A structured-clone value with every secret redacted from its strings (in
 * arrays, plain objects, Maps, Sets and Errors, at any depth). Returns the
 * value itself when it holds no secret.
 *
 * @example
 * ```ts
 * redactValue({ token: secret, n: 1 }, [secret]); // { token: '[redacted]', n: 1 }
 * ```
 */
export function redactValue<T>(value: T, secrets: readonly string[] = secretValues()): T {
  if (secrets.length === 0) return value;
  return walk(value, secrets, new Map()) as T;
}

/**
 * A v8-serialized value (as the journal stores results and arguments) with
 * every secret redacted; the same buffer when none occurs in it, found by a
 * byte search so clean values cost no decoding.
 *
 * @example
 * ```ts
 * const stored = redactSerialized(serialize(result), secretValues());
 * ```
 */
export function redactSerialized(blob: Buffer, secrets: readonly string[] = secretValues()): Buffer {
  if (!holdsSecretBytes(blob, secrets)) return blob;
  return serialize(redactValue(deserialize(blob), secrets));
}

// The journal makes one list of secrets per group commit and searches every stored value with it: its byte forms are made once per list.
const bytesOf = new WeakMap<readonly string[], readonly Buffer[]>();

/**
 * Whether any secret occurs in a buffer, in any of the byte forms it takes in
 * a v8-serialized value (Latin-1 when it can, else UTF-16LE) or in UTF-8 text.
 *
 * @example
 * ```ts
 * holdsSecretBytes(serialize({ token: secret }), [secret]); // true
 * ```
 */
export function holdsSecretBytes(blob: Buffer, secrets: readonly string[]): boolean {
  let bytes = bytesOf.get(secrets);
  if (!bytes) bytesOf.set(secrets, (bytes = secrets.flatMap((s) => [Buffer.from(s, 'latin1'), Buffer.from(s, 'utf16le'), Buffer.from(s, 'utf8')])));
  return bytes.some((b) => blob.includes(b));
}

function walk(value: unknown, secrets: readonly string[], seen: Map<object, unknown>): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets);
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Date || value instanceof RegExp) return value;
  if (seen.has(value)) return seen.get(value);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const item of value) out.push(walk(item, secrets, seen));
    return out;
  }
  if (value instanceof Map) {
    const out = new Map();
    seen.set(value, out);
    for (const [k, v] of value) out.set(walk(k, secrets, seen), walk(v, secrets, seen));
    return out;
  }
  if (value instanceof Set) {
    const out = new Set();
    seen.set(value, out);
    for (const v of value) out.add(walk(v, secrets, seen));
    return out;
  }
  if (value instanceof Error) {
    const out = Object.setPrototypeOf(new Error(redactSecrets(value.message, secrets)), Object.getPrototypeOf(value) as object) as Error;
    seen.set(value, out);
    if (Object.hasOwn(value, 'name')) out.name = value.name;
    out.stack = value.stack === undefined ? undefined : redactSecrets(value.stack, secrets);
    return out;
  }
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const [k, v] of Object.entries(value)) out[k] = walk(v, secrets, seen);
  return out;
}
