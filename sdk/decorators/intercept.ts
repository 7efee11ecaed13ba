import { AsyncLocalStorage } from 'node:async_hooks';

/** What a decorated method or function is, as the call hook sees it. */
export interface TaskTarget {
  /** The prototype (instance methods), the class (static methods) or the wrapper (free functions). */
  readonly owner: object;
  /** Method name, or the function's task name. */
  readonly member: string;
  readonly kind: 'method' | 'static' | 'function';
  /** The undecorated implementation. */
  readonly implementation: (...args: any[]) => any;
}

/** Receives calls of decorated code while a corral session is active. */
export interface TaskCallHook {
  call(target: TaskTarget, self: unknown, args: unknown[]): unknown;
}

const hooks = new AsyncLocalStorage<TaskCallHook | undefined>();

/** The hook of the session the current async context runs in, if any. */
export function activeCallHook(): TaskCallHook | undefined {
  return hooks.getStore();
}

/**
 * Runs `fn` with `hook` receiving every decorated call made inside it,
 * including calls made after awaits. Used by the runtime's session.
 */
export function runWithCallHook<T>(hook: TaskCallHook | undefined, fn: () => T): T {
  return hooks.run(hook, fn);
}

const trampolines = new WeakSet<object>();

/**
 * True for a function corral installed in place of a decorated method or function.
 *
 * @example
 * ```ts
 * isTrampoline(Images.prototype.thumbnail); // true once @remote decorated it
 * ```
 */
export function isTrampoline(fn: unknown): boolean {
  return typeof fn === 'function' && trampolines.has(fn);
}

/**
 * Builds the function installed in place of a decorated method or function:
 * plain code outside a session, a task submission inside one. An owner left
 * undefined (standard decorators run before the class exists) is found on
 * the first call: the prototype or class that holds this trampoline.
 */
export function trampoline(spec: Omit<TaskTarget, 'owner'> & { owner: object | undefined }): (...args: unknown[]) => unknown {
  const target = spec as { -readonly [K in keyof TaskTarget]: TaskTarget[K] };
  const { implementation } = target;
  const corralTask = function corralTask(this: unknown, ...args: unknown[]): unknown {
    const hook = hooks.getStore();
    if (hook) {
      target.owner ??= ownerOf(this, target.member, corralTask);
      return hook.call(target, this, args);
    }
    // Plain code: a promise passed where a session would pass a task's result is awaited first,
    // so an orchestrator behaves the same inside and outside a session.
    if (args.some(holdsPromise)) return awaitInputs(args).then((resolved) => implementation.apply(this, resolved));
    return implementation.apply(this, args);
  };
  trampolines.add(corralTask);
  return corralTask;
}

/** The object on `self`'s prototype chain (or `self` itself) whose own `member` is `fn`. */
function ownerOf(self: unknown, member: string, fn: unknown): object {
  for (let o = self as object | null; o !== null && o !== undefined; o = Object.getPrototypeOf(o) as object | null) {
    if (Object.getOwnPropertyDescriptor(o, member)?.value === fn) return o;
  }
  throw Object.assign(new Error(`corral: cannot find the class that defines ${member}: call it as a method of its class or instance`), { code: 'CORRAL_TASK_OWNER' });
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return v !== null && typeof v === 'object' && typeof (v as { then?: unknown }).then === 'function';
}

function holdsPromise(v: unknown): boolean {
  return isThenable(v) || (Array.isArray(v) && v.some(isThenable));
}

function awaitInputs(args: unknown[]): Promise<unknown[]> {
  return Promise.all(args.map((a) => (Array.isArray(a) && a.some(isThenable) ? Promise.all(a) : a)));
}
