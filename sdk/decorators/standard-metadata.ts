import 'reflect-metadata';
/**
 * Metadata of standard (TC39) decorators. A standard method decorator does not
 * see the class or its prototype, only a `context` whose `metadata` object
 * becomes `Class[Symbol.metadata]` once the class is defined. corral keeps its
 * entries there, under the same keys as the legacy reflect-metadata entries.
 */

// Node 20 has no Symbol.metadata: TypeScript then passes no metadata object. esbuild (tsx) falls back to
// Symbol.for('Symbol.metadata'); the same symbol here keeps both compilers' classes readable.
(Symbol as { metadata?: symbol }).metadata ??= Symbol.for('Symbol.metadata');
const METADATA: symbol = (Symbol as unknown as { metadata: symbol }).metadata;
const CORRAL = Symbol.for('corral.metadata');

/** The part of TypeScript's `ClassMethodDecoratorContext` corral reads. */
export interface StandardMethodContext {
  readonly kind: string;
  readonly name: string | symbol;
  readonly static: boolean;
  readonly private: boolean;
  readonly metadata?: object;
}

type Entries = Record<string, unknown>;
type Store = { instance: Record<string, Entries>; static: Record<string, Entries> };

/**
 * True when a decorator was called the standard way: `(value, context)`.
 *
 * @example
 * ```ts
 * if (isStandardDecoratorCall(args)) console.log(args[1].name);
 * ```
 */
export function isStandardDecoratorCall(args: unknown[]): args is [(...a: any[]) => any, StandardMethodContext] {
  const context = args[1] as { kind?: unknown } | undefined;
  return args.length === 2 && typeof context === 'object' && context !== null && typeof context.kind === 'string';
}

/**
 * Records `key` for the decorated member in the class's decorator metadata.
 *
 * @example
 * ```ts
 * defineMemberMetadata(context, REMOTE_KEY, options);
 * ```
 */
export function defineMemberMetadata(context: StandardMethodContext, key: string, value: unknown): void {
  const metadata = context.metadata as Record<symbol, Store | undefined> | undefined;
  if (!metadata) throw new Error('corral: standard decorators ran without a metadata object (Symbol.metadata is missing)');
  if (!Object.hasOwn(metadata, CORRAL)) metadata[CORRAL] = { instance: {}, static: {} };
  const side = metadata[CORRAL]![context.static ? 'static' : 'instance'];
  (side[String(context.name)] ??= {})[key] = value;
}

/**
 * Reads `key` of `member` written by a standard decorator: `owner` is the
 * prototype (instance methods) or the class (static methods). Own entries
 * only, as `Reflect.getOwnMetadata` reads legacy ones.
 *
 * @example
 * ```ts
 * const options = memberMetadata(Images.prototype, 'thumbnail', REMOTE_KEY);
 * ```
 */
export function memberMetadata(owner: object, member: string, key: string): unknown {
  const cls = typeof owner === 'function' ? owner : (Object.hasOwn(owner, 'constructor') ? (owner as { constructor: unknown }).constructor : undefined);
  if (typeof cls !== 'function' || !Object.hasOwn(cls, METADATA)) return undefined;
  const metadata = (cls as unknown as Record<symbol, Record<symbol, Store | undefined>>)[METADATA]!;
  if (!Object.hasOwn(metadata, CORRAL)) return undefined;
  const side = metadata[CORRAL]![typeof owner === 'function' ? 'static' : 'instance'];
  return Object.hasOwn(side, member) ? side[member]![key] : undefined;
}

/**
 * Reads a corral metadata entry whichever decorator dialect wrote it: legacy
 * reflect-metadata on the owner (or on a `remote(options, fn)` wrapper when
 * `member` is undefined), else the class's standard decorator metadata.
 *
 * @example
 * ```ts
 * const options = ownTaskMetadata(REMOTE_KEY, Images.prototype, 'thumbnail');
 * ```
 */
export function ownTaskMetadata(key: string, owner: object, member?: string): unknown {
  if (member === undefined) return Reflect.getOwnMetadata(key, owner);
  return Reflect.getOwnMetadata(key, owner, member) ?? memberMetadata(owner, member, key);
}
