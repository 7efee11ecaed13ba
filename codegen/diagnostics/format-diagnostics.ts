import { relative } from 'node:path';
import type { Diagnostic } from './diagnostic.js';

/**
 * Prints diagnostics the way `tsc` does: `file:line:column - error CODE: message`,
 * paths relative to `cwd`, then a `Found N errors` summary.
 *
 * @example
 * ```ts
 * process.stderr.write(formatDiagnostics(result.diagnostics, process.cwd()));
 * // src/images.ts:12:5 - error CORRAL1001: ...
 * ```
 */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], cwd = process.cwd()): string {
  if (diagnostics.length === 0) return '';
  const sorted = [...diagnostics].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  const lines = sorted.map((d) => `${relative(cwd, d.file) || d.file}:${d.line}:${d.column} - ${d.severity} ${d.code}: ${d.message}`);
  const errors = sorted.filter((d) => d.severity === 'error');
  const files = new Set(errors.map((d) => d.file)).size;
  const warnings = sorted.length - errors.length;
  const summary = errors.length === 0
    ? `Found ${warnings} warning${warnings === 1 ? '' : 's'}.`
    : `Found ${errors.length} error${errors.length === 1 ? '' : 's'}${files > 1 ? ` in ${files} files` : ''}${warnings ? ` and ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}.`;
  return `${lines.join('\n')}\n\n${summary}\n`;
}

/**
 * True when any diagnostic is an error.
 *
 * @example
 * ```ts
 * if (hasErrors(result.diagnostics)) process.exitCode = 1;
 * ```
 */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
