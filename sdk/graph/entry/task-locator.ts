/**
 * The name a task bundle's source map gives corral's generated entry code
 * (followed by the task module's path): frames there are corral's, not the user's.
 *
 * @example
 * ```ts
 * source.startsWith(BUNDLE_ENTRY_SOURCE); // true for 'corral-entry:tasks/shapes.ts'
 * ```
 */
export const BUNDLE_ENTRY_SOURCE = 'corral-entry:';

/**
 * How to find and call a task's code: the module, and the class and member or
 * the function's task name inside it.
 *
 * @example
 * ```ts
 * const locator: TaskLocator = { module: '/app/images.ts', kind: 'method', className: 'Images', member: 'thumbnail' };
 * ```
 */
export interface TaskLocator {
  /** Absolute path of the module that defines the task (TypeScript or JavaScript). */
  readonly module: string;
  readonly kind: 'method' | 'static' | 'function';
  /** Exported class name (methods), undefined for functions. */
  readonly className?: string;
  /** Method name, or the task name of a `remote(options, fn)` function. */
  readonly member: string;
  /** Self-contained JS bundle built by codegen, when there is one. */
  readonly bundle?: { readonly path: string; readonly hash: string };
}
