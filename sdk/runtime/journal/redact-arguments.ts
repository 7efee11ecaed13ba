import { redactSecrets, redactSerialized } from '../../secrets/index.js';

/**
 * The parameters of a journal write with every secret redacted: texts (error
 * messages, event data) directly, stored values (v8-serialized results and
 * arguments) through their strings, named parameters field by field.
 */
export function redactArguments(args: readonly unknown[], secrets: readonly string[]): unknown[] {
  if (secrets.length === 0) return args as unknown[];
  return args.map((a) => redactOne(a, secrets, true));
}

function redactOne(value: unknown, secrets: readonly string[], named: boolean): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets);
  if (Buffer.isBuffer(value)) return redactSerialized(value, secrets);
  if (named && value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactOne(v, secrets, false)]));
  }
  return value;
}
