import 'reflect-metadata';
import { IMPLEMENTATION_KEY, SOURCE_KEY } from './metadata-keys.js';
import { OptionError, type DecorationSite } from './option-error.js';
import { callerLocation, type SourceLocation } from './source-location.js';
import { isTrampoline, trampoline, type TaskTarget } from './intercept.js';
import { defineMemberMetadata, isStandardDecoratorCall, type StandardMethodContext } from './standard-metadata.js';

/** Arguments a legacy (experimentalDecorators) method decorator receives. */
export type MethodDecoratorArgs = [target: object, propertyKey: string | symbol, descriptor?: PropertyDescriptor];

/**
 * A corral method decorator: it works under TypeScript's standard (TC39)
 * decorators and under legacy `experimentalDecorators` alike, with the same
 * behaviour and the same metadata.
 *
 * @example
 * ```ts
 * const task: CorralMethodDecorator = remote({ retries: 2 });
 * ```
 */
export interface CorralMethodDecorator {
  (target: object, propertyKey: string | symbol, descriptor?: PropertyDescriptor): void;
  <F extends (this: any, ...args: any[]) => any>(value: F, context: ClassMethodDecoratorContext<any, F>): F | void;
}

/** One application of a decorator to a method, in either decorator dialect. */
export type DecoratorCall =
  | { readonly standard: false; readonly target: object; readonly member: string; readonly descriptor: PropertyDescriptor }
  | { readonly standard: true; readonly method: (...a: any[]) => any; readonly member: string; readonly context: StandardMethodContext };

/** Describes the decoration site and rejects what cannot carry a corral decorator. */
export function decorationSite(decorator: string, args: unknown[], location?: SourceLocation): { site: DecorationSite; call: DecoratorCall } {
  const base = { decorator, file: location?.file, line: location?.line };
  if (isStandardDecoratorCall(args)) {
    const [method, context] = args;
    const member = String(context.name);
    if (context.kind !== 'method') throw new OptionError({ ...base, member }, '(member)', `a ${context.kind}`, 'can only decorate a method');
    if (typeof context.name !== 'string' || context.private) {
      throw new OptionError({ ...base, member }, '(member)', member, 'must decorate a public method with a string name');
    }
    return { site: { ...base, member }, call: { standard: true, method, member, context } };
  }
  const [target, key, descriptor] = args as [unknown, unknown, PropertyDescriptor | undefined];
  const className = typeof target === 'function' ? target.name : (target as { constructor?: { name?: string } })?.constructor?.name;
  const member = String(key);
  if (typeof key !== 'string') {
    throw new OptionError({ ...base, className, member }, '(member)', key, 'must decorate a method with a string name');
  }
  if (!descriptor || typeof descriptor.value !== 'function') {
    throw new OptionError({ ...base, className, member }, '(member)', descriptor?.get ? 'an accessor' : 'a property',
      'can only decorate a method');
  }
  return { site: { ...base, className, member }, call: { standard: false, target: target as object, member, descriptor } };
}

/**
 * Records one metadata entry of the decorated method: on the prototype or
 * class (legacy), or in the class's decorator metadata (standard).
 */
export function defineMethodMetadata(call: DecoratorCall, key: string, value: unknown): void {
  if (call.standard) defineMemberMetadata(call.context, key, value);
  else Reflect.defineMetadata(key, value, call.target, call.member);
}

/**
 * Records the source location and implementation, and installs the call
 * trampoline once. Under standard decorators it returns the replacement
 * method (undefined when an inner corral decorator installed it already).
 */
export function installTask(call: DecoratorCall, location: SourceLocation | undefined): ((...a: any[]) => any) | undefined {
  if (!call.standard) {
    const { target, member, descriptor } = call;
    if (Reflect.hasOwnMetadata(IMPLEMENTATION_KEY, target, member)) return undefined;
    const implementation = descriptor.value as (...a: any[]) => any;
    Reflect.defineMetadata(IMPLEMENTATION_KEY, implementation, target, member);
    Reflect.defineMetadata(SOURCE_KEY, location, target, member);
    const taskTarget: TaskTarget = { owner: target, member, kind: typeof target === 'function' ? 'static' : 'method', implementation };
    descriptor.value = trampoline(taskTarget);
    return undefined;
  }
  if (isTrampoline(call.method)) return undefined;
  defineMemberMetadata(call.context, IMPLEMENTATION_KEY, call.method);
  defineMemberMetadata(call.context, SOURCE_KEY, location);
  // The owner (prototype or class) does not exist yet while a standard decorator runs: the trampoline finds it on its first call.
  return trampoline({ owner: undefined, member: call.member, kind: call.context.static ? 'static' : 'method', implementation: call.method });
}

export { callerLocation };
