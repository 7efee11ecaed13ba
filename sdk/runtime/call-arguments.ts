import { hash } from 'node:crypto';
import { serialize } from 'node:v8';
import { DATA_REF_MARK, isDataRefJson } from '../data/index.js';
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
  // Only an object can be or hold a promise: arguments that are all plain values (most calls) need no copy and no scan.
  if (allPlain(args)) return undefined;
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

/**
 * Whether no argument is an object: then none is or holds a promise or a kept
 * result, and most calls' arguments are such plain values.
 *
 * @example
 * ```ts
 * allPlain([1, 'a', null]); // true
 * allPlain([1, [2]]);       // false
 * ```
 */
export function allPlain(args: readonly unknown[]): boolean {
  for (const v of args) if (v !== null && typeof v === 'object') return false;
  return true;
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

/**
 * A stable hash of arguments (for replay on resume and memoization). A kept
 * result that carries its lineage hashes as that lineage (the producing
 * call's replay key), not as its random id: after its store is lost and the
 * producer recomputes it, consumers still find their journaled results.
 * Arguments without such references hash exactly as journals written before
 * lineage did, so those runs still resume.
 */
export function hashArguments(args: readonly unknown[]): string {
  // Plain numbers and strings (the common case) hash from their JSON text; anything else from its v8 serialization.
  // One-shot crypto.hash: every call is hashed, and a Hash object costs as much again as the digest.
  return hash('sha1', args.every(isSimple) ? `j${JSON.stringify(args)}` : serialize(byLineage(args)), 'base64url');
}

/** `args` with each reference that has a lineage replaced by it; `args` itself (nothing copied) when there is none. */
function byLineage(args: readonly unknown[]): readonly unknown[] {
  return args.some((a) => hasLineage(a, 0)) ? args.map((a) => swapLineage(a, 0)) : args;
}

/** Whether `v` holds a reference with a lineage (top level, or nested in arrays and plain objects as refsIn looks). */
function hasLineage(v: unknown, depth: number): boolean {
  if (isDataRefJson(v)) return typeof (v as { lineage?: unknown }).lineage === 'string';
  if (depth >= 4 || v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.some((x) => hasLineage(x, depth + 1));
  return Object.getPrototypeOf(v) === Object.prototype && Object.values(v).some((x) => hasLineage(x, depth + 1));
}

function swapLineage(v: unknown, depth: number): unknown {
  if (isDataRefJson(v)) {
    const { lineage } = v as { lineage?: unknown };
    return typeof lineage === 'string' ? { $data: DATA_REF_MARK, lineage } : v;
  }
  if (depth >= 4 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => swapLineage(x, depth + 1));
  if (Object.getPrototypeOf(v) !== Object.prototype) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, swapLineage(x, depth + 1)]));
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
