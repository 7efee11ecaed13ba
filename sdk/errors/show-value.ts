/**
 * A short printable form of a bad value, for error messages (JSON, cut at 80
 * characters; functions and symbols named, never thrown on).
 *
 * @example
 * ```ts
 * throw new ConfigError(`workers must be 1-1024 (got ${showValue(value)})`);
 * ```
 */
export function showValue(value: unknown): string {
  if (typeof value === 'function') return `a function`;
  if (typeof value === 'symbol') return value.toString();
  if (value === undefined) return 'undefined';
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value);
  }
}
