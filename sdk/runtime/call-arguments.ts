import { createHash } from 'node:crypto';
import { serialize } from 'node:v8';
import { findUncloneable } from '../graph/index.js';
import { ArgumentError } from './errors.js';
import { TaskFuture } from './task-future.js';

/** Promises found in a call's arguments (top level, or inside arrays and plain objects). */
export interface PendingInputs {
  readonly futures: TaskFuture<unknown>[];
  /** Resolves to the arguments with every promise replaced by its value. */
  resolve(): Promise<unknown[]>;
}

/** Finds the promises among arguments; undefined when there is none (the common case). Futures resolve to their outcome: kept results stay references. */
export function pendingInputs(args: readonly unknown[]): PendingInputs | undefined {
  const slots: Slot[] = [];
  const copy = args.slice();
  scan(copy as unknown as Record<number, unknown>, copy.length, slots, 0);
  if (slots.length === 0) return undefined;
  return {
    futures: slots.map((s) => s.promise).filter((p): p is TaskFuture<unknown> => p instanceof TaskFuture),
    async resolve() {
      // A future gives its outcome as it is: a kept result stays a reference.
      const values = await Promise.all(slots.map((s) => (s.promise instanceof TaskFuture ? s.promise.settled() : s.promise)));
      slots.forEach((s, i) => { s.holder[s.key] = values[i]; });
      return copy;
    },
  };
}

type Slot = { holder: Record<string | number, unknown>; key: string | number; promise: PromiseLike<unknown> };

function scan(holder: Record<string | number, unknown>, length: number | undefined, slots: Slot[], depth: number): void {
  if (depth > 4) return;
  if (length !== undefined) {
    for (let i = 0; i < length; i++) visit(holder, i, slots, depth);
  } else {
    for (const key of Object.keys(holder)) visit(holder, key, slots, depth);
  }
}

function visit(holder: Record<string | number, unknown>, key: string | number, slots: Slot[], depth: number): void {
  const value = holder[key];
  if (value === null || typeof value !== 'object') return;
  if (typeof (value as PromiseLike<unknown>).then === 'function') {
    slots.push({ holder, key, promise: value as PromiseLike<unknown> });
  } else if (Array.isArray(value)) {
    // Copy containers that hold promises so the caller's objects stay untouched.
    const before = slots.length;
    const copy = value.slice();
    scan(copy as unknown as Record<number, unknown>, copy.length, slots, depth + 1);
    if (slots.length > before) holder[key] = copy;
  } else if (Object.getPrototypeOf(value) === Object.prototype) {
    const before = slots.length;
    const copy = { ...(value as Record<string, unknown>) };
    scan(copy, undefined, slots, depth + 1);
    if (slots.length > before) holder[key] = copy;
  }
}

/** Throws ArgumentError naming the task and argument when one cannot cross to a worker. */
export function checkArguments(taskId: string, args: readonly unknown[], paramNames: readonly string[]): void {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === null || (typeof arg !== 'object' && typeof arg !== 'function' && typeof arg !== 'symbol')) continue;
    const bad = findUncloneable(arg);
    if (bad) {
      const name = paramNames[i] ? `${i} (${paramNames[i]})` : String(i);
      throw new ArgumentError(taskId, name, bad.path === '(value)' ? '' : bad.path, `${bad.reason}; arguments must be data that can be copied to another process`);
    }
  }
}

/** A stable hash of arguments (for replay on resume and memoization). */
export function hashArguments(args: readonly unknown[]): string {
  const hash = createHash('sha1');
  // Plain numbers and strings (the common case) hash from their JSON text; anything else from its v8 serialization.
  if (args.every(isSimple)) hash.update(`j${JSON.stringify(args)}`);
  else hash.update(serialize(args));
  return hash.digest('base64url');
}

function isSimple(v: unknown): boolean {
  return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean' || v === null;
}

const PARAMS = /^[^(]*\(([^)]*)\)/;

const names = new WeakMap<object, string[]>();

/** Parameter names of a function, from its source text (best effort, for messages). */
export function parameterNames(fn: (...args: any[]) => unknown): string[] {
  let found = names.get(fn);
  if (!found) {
    const match = PARAMS.exec(fn.toString());
    found = match ? match[1]!.split(',').map((p) => p.replace(/\/\*.*?\*\//g, '').trim().replace(/^\.\.\./, '').split(/[=:\s]/)[0]!).filter(Boolean) : [];
    names.set(fn, found);
  }
  return found;
}
