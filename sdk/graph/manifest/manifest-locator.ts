import { isAbsolute, join } from 'node:path';
import type { TaskLocator } from '../entry/task-locator.js';
import type { Manifest } from './manifest-schema.js';

/**
 * The locator a runtime hands to an endpoint for a task of a manifest: the
 * source module plus, when built, its bundle (absolute path and hash).
 *
 * @example
 * ```ts
 * const locator = locatorOf(manifest, 'Images.thumbnail');
 * endpoint.submit({ ...spec, locator });
 * ```
 */
export function locatorOf(manifest: Manifest, taskId: string): TaskLocator {
  const task = manifest.tasks.find((t) => t.id === taskId);
  if (!task) {
    throw new Error(`manifest has no task "${taskId}"; tasks: ${manifest.tasks.map((t) => t.id).join(', ') || '(none)'}`);
  }
  const abs = (p: string) => (isAbsolute(p) ? p : join(manifest.root, p));
  return {
    module: abs(task.site.file),
    kind: task.kind,
    ...(task.className ? { className: task.className } : {}),
    member: task.member,
    ...(task.bundle ? { bundle: { path: abs(task.bundle.path), hash: task.bundle.hash } } : {}),
  };
}
