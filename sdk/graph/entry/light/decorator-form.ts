/**
 * Which call form a method decorator got: TC39 standard decorators pass
 * `(method, context)`, legacy (`experimentalDecorators`) ones pass
 * `(target, key, descriptor)`. Either way: the method and its name.
 *
 * @example
 * ```ts
 * const found = decoratedMethod(args); // { method: [Function thumbnail], name: 'thumbnail' }
 * ```
 */
export function decoratedMethod(args: readonly unknown[]): { method: unknown; name: string } | undefined {
  const [first, second, third] = args;
  if (args.length === 2 && typeof second === 'object' && second !== null && 'kind' in second) {
    const context = second as { kind: string; name: string | symbol };
    return context.kind === 'method' && typeof context.name === 'string' ? { method: first, name: context.name } : undefined;
  }
  const descriptor = third as PropertyDescriptor | undefined;
  return typeof second === 'string' && descriptor ? { method: descriptor.value, name: second } : undefined;
}
