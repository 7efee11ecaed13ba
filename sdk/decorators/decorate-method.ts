import 'reflect-metadata';
import { IMPLEMENTATION_KEY, SOURCE_KEY } from './metadata-keys.js';
import { OptionError, type DecorationSite } from './option-error.js';
import { callerLocation, type SourceLocation } from './source-location.js';
import { trampoline, type TaskTarget } from './intercept.js';

/** Arguments a legacy (experimentalDecorators) method decorator receives. */
export type MethodDecoratorArgs = [target: object, propertyKey: string | symbol, descriptor?: PropertyDescriptor];

/** Describes the decoration site and rejects what cannot carry a corral decorator. */
export function decorationSite(decorator: string, args: unknown[], location?: SourceLocation): DecorationSite {
  const [target, key, descriptor] = args as [unknown, unknown, PropertyDescriptor | undefined];
  const base = { decorator, file: location?.file, line: location?.line };
  if (typeof target === 'function' && typeof key === 'object' && key !== null && 'kind' in key) {
    throw new OptionError({ ...base, member: String((key as { name?: unknown }).name ?? '?') }, '(decorator)', 'standard decorator',
      'needs legacy decorators: set "experimentalDecorators": true in tsconfig.json');
  }
  const className = typeof target === 'function' ? target.name : (target as { constructor?: { name?: string } })?.constructor?.name;
  const member = String(key);
  if (typeof key !== 'string') {
    throw new OptionError({ ...base, className, member }, '(member)', key, 'must decorate a method with a string name');
  }
  if (!descriptor || typeof descriptor.value !== 'function') {
    throw new OptionError({ ...base, className, member }, '(member)', descriptor?.get ? 'an accessor' : 'a property',
      'can only decorate a method');
  }
  return { ...base, className, member };
}

/** Records the source location and implementation, and installs the call trampoline once. */
export function installTask(args: MethodDecoratorArgs, location: SourceLocation | undefined): void {
  const [target, key, descriptor] = args as [object, string, PropertyDescriptor];
  if (Reflect.hasOwnMetadata(IMPLEMENTATION_KEY, target, key)) return;
  const implementation = descriptor.value as (...a: any[]) => any;
  Reflect.defineMetadata(IMPLEMENTATION_KEY, implementation, target, key);
  Reflect.defineMetadata(SOURCE_KEY, location, target, key);
  const taskTarget: TaskTarget = { owner: target, member: key, kind: typeof target === 'function' ? 'static' : 'method', implementation };
  descriptor.value = trampoline(taskTarget);
}

export { callerLocation };
