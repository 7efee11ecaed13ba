/* The journal's JSON columns, in one place: how each is written, and how each is read back tolerantly. */
import { redactSecrets } from '../../secrets/index.js';

/** A call's or attempt's error as the journal stores it. */
export interface StoredError {
  name: string;
  message: string;
  failure?: string;
  stack?: string;
  logRef?: string;
}

/**
 * Reads a stored error tolerantly: JSON as corral writes it, or plain text as
 * older journals stored for interrupted calls; secrets redacted either way.
 *
 * @example
 * ```ts
 * parseStoredError('interrupted: the run stopped'); // { name: 'Error', message: 'interrupted: the run stopped' }
 * ```
 */
export function parseStoredError(text: string | null): StoredError | undefined {
  if (text === null || text === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { name: 'Error', message: redactSecrets(text) };
  }
  if (parsed === null || typeof parsed !== 'object') return { name: 'Error', message: redactSecrets(String(parsed)) };
  const e = parsed as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? redactSecrets(v) : undefined);
  return {
    name: str(e.name) ?? 'Error',
    message: str(e.message) ?? redactSecrets(text),
    ...(str(e.failure) ? { failure: str(e.failure) } : {}),
    ...(str(e.stack) ? { stack: str(e.stack) } : {}),
    ...(str(e.logRef) ? { logRef: str(e.logRef) } : {}),
  };
}

/**
 * Reads a call's `depends_on` (a JSON list of call ids) tolerantly: a damaged
 * value reads as no dependencies.
 *
 * @example
 * ```ts
 * parseDependsOn('["c1","c2"]'); // ['c1', 'c2']
 * ```
 */
export function parseDependsOn(text: string | null): string[] {
  try {
    const ids = JSON.parse(text ?? '[]') as unknown;
    return Array.isArray(ids) ? ids.map(String) : [];
  } catch {
    return [];
  }
}

/**
 * Reads a JSON field of a journal row (a run's config or budget, an event's
 * data) tolerantly: undefined when it is absent or damaged.
 *
 * @example
 * ```ts
 * const config = parseStoredJson<{ policy?: string }>(run.config) ?? {};
 * ```
 */
export function parseStoredJson<T>(text: string | null | undefined): T | undefined {
  if (text === null || text === undefined || text === '') return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' ? value as T : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A JSON column's text: `null` for an absent value (SQL NULL, not the text "null").
 *
 * @example
 * ```ts
 * encodeJson({ reason: 'slow' }); // '{"reason":"slow"}'
 * encodeJson(undefined);          // null
 * ```
 */
export function encodeJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/**
 * A call's or attempt's error as stored (read back by {@link parseStoredError}): only its known fields.
 *
 * @example
 * ```ts
 * encodeError({ name: 'TypeError', message: 'x is undefined', failure: 'task' });
 * ```
 */
export function encodeError(e: StoredError | { readonly name: string; readonly message: string }): string {
  const { name, message, failure, stack, logRef } = e as StoredError;
  return JSON.stringify({ name, message, failure, stack, logRef });
}
