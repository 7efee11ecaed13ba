/**
 * What the light task-side decorators record on a task's function: a
 * property under a registered symbol, so that any copy of corral (the one in
 * a bundle, the one that imported the bundle) reads it.
 *
 * @example
 * ```ts
 * taskMarkerOf(Images.prototype.thumbnail); // { decorator: 'remote', name: 'thumbnail', options: { cpus: 1 } }
 * ```
 */
export interface TaskMarker {
  readonly decorator: 'remote' | 'federated';
  /** Method name, or the task name of a `remote(options, fn)` function. */
  readonly name: string;
  /** The options as written (not validated: the build validated them). */
  readonly options: Readonly<Record<string, unknown>>;
}

const TASK_MARKER = Symbol.for('corral.task');

/**
 * Records a marker on a task's function (non-enumerable, first decorator wins).
 *
 * @example
 * ```ts
 * markTask(fn, { decorator: 'remote', name: 'checksum', options: {} });
 * ```
 */
export function markTask(fn: unknown, marker: TaskMarker): void {
  if (typeof fn !== 'function' || Object.prototype.hasOwnProperty.call(fn, TASK_MARKER)) return;
  Object.defineProperty(fn, TASK_MARKER, { value: marker, enumerable: false });
}

/**
 * The marker a light decorator left on `fn`, if any.
 *
 * @example
 * ```ts
 * if (taskMarkerOf(exports.checksum)?.name === 'checksum') ...
 * ```
 */
export function taskMarkerOf(fn: unknown): TaskMarker | undefined {
  if (typeof fn !== 'function') return undefined;
  return (fn as unknown as Record<symbol, TaskMarker | undefined>)[TASK_MARKER];
}
