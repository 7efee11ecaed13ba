import 'reflect-metadata';
import { IMPLEMENTATION_KEY, REMOTE_KEY, SOURCE_KEY } from './metadata-keys.js';
import { OptionError } from './option-error.js';
import { remoteOptionNames, remoteOptionsSchema, withRemoteDefaults, type RemoteOptions, type ResolvedRemoteOptions } from './options/remote-options.js';
import { validateOptions } from './validate.js';
import { callerLocation, decorationSite, defineMethodMetadata, installTask, type CorralMethodDecorator } from './decorate-method.js';
import { trampoline, type TaskTarget } from './intercept.js';

/**
 * Marks a method as a task that corral places on an endpoint, or (with a
 * function as second argument) wraps a free function the same way.
 * Outside an open `Corral` session the code runs as plain local code.
 *
 * @example
 * ```ts
 * class Images {
 *   @remote({ cpus: 1, retries: 2 })
 *   async thumbnail(img: Uint8Array, width: number) { ... }
 * }
 * export const checksum = remote({ cache: true }, async function checksum(data: Uint8Array) { ... });
 * ```
 */
export function remote(options?: RemoteOptions): CorralMethodDecorator;
export function remote<F extends (...args: any[]) => any>(options: RemoteOptions, fn: F): F;
export function remote(options?: RemoteOptions, fn?: (...args: any[]) => any): any {
  const location = callerLocation();
  if (typeof fn === 'function') return remoteFunction(options, fn, location);
  if (fn !== undefined) {
    throw new OptionError({ decorator: 'remote', member: '(function)', file: location?.file, line: location?.line }, '(fn)', fn, 'must be a function when remote() gets a second argument');
  }
  return ((...args: unknown[]) => {
    const { site, call } = decorationSite('remote', args, location);
    const resolved = withRemoteDefaults(validateOptions(remoteOptionsSchema, options, site, remoteOptionNames));
    defineMethodMetadata(call, REMOTE_KEY, resolved);
    return installTask(call, location);
  }) as CorralMethodDecorator;
}

function remoteFunction<F extends (...args: any[]) => any>(options: RemoteOptions | undefined, fn: F, location: ReturnType<typeof callerLocation>): F {
  const member = options?.name ?? fn.name;
  const site = { decorator: 'remote', member: member || '(anonymous function)', file: location?.file, line: location?.line };
  const resolved: ResolvedRemoteOptions = withRemoteDefaults(validateOptions(remoteOptionsSchema, options, site, remoteOptionNames));
  if (!member) throw new OptionError(site, 'name', undefined, 'is required for an anonymous function: remote({ name: "..." }, fn)');
  const target: { -readonly [K in keyof TaskTarget]: TaskTarget[K] } = { owner: fn, member, kind: 'function', implementation: fn };
  const call = trampoline(target);
  target.owner = call;
  Object.defineProperty(call, 'name', { value: member });
  Reflect.defineMetadata(REMOTE_KEY, { ...resolved, name: member }, call);
  Reflect.defineMetadata(SOURCE_KEY, location, call);
  Reflect.defineMetadata(IMPLEMENTATION_KEY, fn, call);
  return call as F;
}
