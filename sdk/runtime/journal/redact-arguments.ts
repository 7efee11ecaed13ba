import { redactSecrets, redactSerialized } from '../../secrets/index.js';

/** What finding a group commit's secrets in a value needs: their bytes as a stored value may hold them, and the shortest lengths. */
interface Needles {
  readonly shortestText: number;
  readonly shortestBytes: number;
  readonly bytes: readonly Buffer[];
}

// The journal makes one secrets list per group commit: its needles are made once for it, not per parameter.
const needlesOf = new WeakMap<readonly string[], Needles>();

function needles(secrets: readonly string[]): Needles {
  let n = needlesOf.get(secrets);
  if (!n) {
    // v8 stores a string as Latin-1 when it can, else UTF-16LE; text columns hold UTF-8.
    const bytes = secrets.flatMap((s) => [Buffer.from(s, 'latin1'), Buffer.from(s, 'utf16le'), Buffer.from(s, 'utf8')]);
    n = { shortestText: Math.min(...secrets.map((s) => s.length)), shortestBytes: Math.min(...bytes.map((b) => b.length)), bytes };
    needlesOf.set(secrets, n);
  }
  return n;
}

/**
 * The parameters of a journal write with every secret redacted: texts (error
 * messages, event data) directly, stored values (v8-serialized results and
 * arguments) through their strings, named parameters field by field. The
 * array itself when no parameter holds a secret (nearly every write): a
 * number, a null or a text shorter than every secret is not even searched.
 *
 * @example
 * ```ts
 * redactArguments(['c1', 3, `failed: ${secret}`], [secret]); // ['c1', 3, 'failed: [redacted]']
 * ```
 */
export function redactArguments(args: readonly unknown[], secrets: readonly string[]): unknown[] {
  if (secrets.length === 0) return args as unknown[];
  const n = needles(secrets);
  const first = args.findIndex((a) => holds(a, secrets, n, true));
  if (first < 0) return args as unknown[];
  return args.map((a, i) => (i < first ? a : redactOne(a, secrets, true)));
}

function holds(value: unknown, secrets: readonly string[], n: Needles, named: boolean): boolean {
  if (typeof value === 'string') return value.length >= n.shortestText && secrets.some((s) => value.includes(s));
  if (Buffer.isBuffer(value)) return value.length >= n.shortestBytes && n.bytes.some((b) => value.includes(b));
  if (named && value !== null && typeof value === 'object') return Object.values(value).some((v) => holds(v, secrets, n, false));
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
