import { holdsSecretBytes, redactSecrets, redactSerialized } from '../../secrets/index.js';

/**
 * The parameters of a journal write with every secret redacted: texts (error
 * messages, event data) directly, stored values (v8-serialized results and
 * arguments) through their strings, named parameters field by field. The
 * array itself when no parameter holds a secret (nearly every write): only
 * texts and stored values are searched, each once.
 *
 * @example
 * ```ts
 * redactArguments(['c1', 3, `failed: ${secret}`], [secret]); // ['c1', 3, 'failed: [redacted]']
 * ```
 */
export function redactArguments(args: readonly unknown[], secrets: readonly string[]): unknown[] {
  if (secrets.length === 0) return args as unknown[];
  const first = args.findIndex((a) => holds(a, secrets, true));
  if (first < 0) return args as unknown[];
  return args.map((a, i) => (i < first ? a : redactOne(a, secrets, true)));
}

function holds(value: unknown, secrets: readonly string[], named: boolean): boolean {
  if (typeof value === 'string') return secrets.some((s) => value.includes(s));
  if (Buffer.isBuffer(value)) return holdsSecretBytes(value, secrets);
  if (named && value !== null && typeof value === 'object') return Object.values(value).some((v) => holds(v, secrets, false));
  return false;
}

function redactOne(value: unknown, secrets: readonly string[], named: boolean): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets);
  if (Buffer.isBuffer(value)) return redactSerialized(value, secrets);
  if (named && value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactOne(v, secrets, false)]));
  }
  return value;
}
