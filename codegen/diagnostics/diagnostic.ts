/**
 * Stable codes of codegen diagnostics. Numbers never change meaning; new
 * checks take new numbers.
 *
 * @example
 * ```ts
 * if (d.code === DiagnosticCode.InstanceState) console.error('remote method touches this.field');
 * ```
 */
export const DiagnosticCode = {
  /** A remote method reads or writes instance state (`this.field`): each call runs on a fresh instance. */
  InstanceState: 'CORRAL1001',
  /** A parameter or return type cannot cross a process boundary. */
  Uncrossable: 'CORRAL1002',
  /** A corral decorator on something that cannot be a task. */
  NotATask: 'CORRAL1003',
  /** An option literal breaks the option table's rules. */
  InvalidOption: 'CORRAL1004',
  /** An option name the option table does not know. */
  UnknownOption: 'CORRAL1005',
  /** Tasks call each other in a cycle. */
  Recursion: 'CORRAL1006',
  /** A budget is smaller than the cheapest possible plan. */
  BudgetTooSmall: 'CORRAL1007',
  /** `remote(options, fn)` on an anonymous function without a `name` option. */
  AnonymousTask: 'CORRAL1008',
  /** A module that defines tasks also runs top-level code (a script): workers would run it again. */
  TopLevelCode: 'CORRAL1009',
  /** A bundle is larger than the Globus Compute payload limit. */
  BundleTooLarge: 'CORRAL2001',
  /** A bundle imports packages left external: the endpoint must install them. */
  BundleExternals: 'CORRAL2002',
  /** No longer reported (bundles never carry the whole library now; see CORRAL2004). */
  BundleWholeLibrary: 'CORRAL2003',
  /** A task bundle would need what its worker cannot have (corral beyond the task-side runtime, an unbundlable package): refused. */
  BundleNotSelfContained: 'CORRAL2004',
} as const;

/**
 * One of {@link DiagnosticCode}.
 *
 * @example
 * ```ts
 * const code: DiagnosticCodeValue = DiagnosticCode.Recursion; // 'CORRAL1006'
 * ```
 */
export type DiagnosticCodeValue = (typeof DiagnosticCode)[keyof typeof DiagnosticCode];

/**
 * A finding of the build, located at file:line:column (1-based).
 *
 * @example
 * ```ts
 * const d: Diagnostic = { code: 'CORRAL1001', severity: 'error', file: '/app/a.ts', line: 3, column: 5, message: '...' };
 * ```
 */
export interface Diagnostic {
  readonly code: DiagnosticCodeValue;
  readonly severity: 'error' | 'warning';
  /** Absolute path. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}
