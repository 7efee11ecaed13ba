/**
 * Dollars with enough digits to see sub-cent calls: `$0.0012`, `$3.20`.
 *
 * @example
 * ```ts
 * formatUsd(0.00123); // '$0.0012'
 * ```
 */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0';
  return Math.abs(usd) >= 1 ? `$${usd.toFixed(2)}` : `$${usd.toPrecision(2)}`;
}

/**
 * Seconds as `850 ms`, `12.3 s`, `4 min 05 s` or `2 h 03 min`.
 *
 * @example
 * ```ts
 * formatSeconds(245); // '4 min 05 s'
 * ```
 */
export function formatSeconds(s: number): string {
  if (s < 1) return `${Math.round(s * 1000)} ms`;
  if (s < 60) return `${s.toFixed(1)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(Math.round(s % 60)).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.round((s % 3600) / 60)).padStart(2, '0')} min`;
}

/**
 * Joules as `850 J`, `12.3 kJ`, `4.1 MJ`.
 *
 * @example
 * ```ts
 * formatJoules(12300); // '12.3 kJ'
 * ```
 */
export function formatJoules(j: number): string {
  if (Math.abs(j) < 1000) return `${Math.round(j)} J`;
  if (Math.abs(j) < 1e6) return `${(j / 1000).toFixed(1)} kJ`;
  return `${(j / 1e6).toFixed(1)} MJ`;
}

/**
 * Escapes text for HTML element content and attribute values.
 *
 * @example
 * ```ts
 * escapeHtml('<b>"x"</b>'); // '&lt;b&gt;&quot;x&quot;&lt;/b&gt;'
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * The last part of a task id: `Images.classify` reads better as `classify` in a chart.
 *
 * @example
 * ```ts
 * shortTaskName('Images.classify'); // 'classify'
 * ```
 */
export function shortTaskName(taskId: string): string {
  return taskId.slice(taskId.lastIndexOf('.') + 1) || taskId;
}
