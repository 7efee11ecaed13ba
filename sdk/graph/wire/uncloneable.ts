/** A value that cannot cross to another thread, process or machine, and where it is. */
export interface Uncloneable {
  /** Path inside the value, e.g. `[0].meta.draw`. */
  readonly path: string;
  readonly reason: string;
}

const TYPED = Object.getPrototypeOf(Int8Array) as object;
const PLAIN_PROTOTYPES = new Set<object | null>([
  null, Object.prototype, Array.prototype, Date.prototype, Map.prototype, Set.prototype, RegExp.prototype,
  ArrayBuffer.prototype, DataView.prototype, Error.prototype, TypeError.prototype, RangeError.prototype,
  SyntaxError.prototype, ReferenceError.prototype, EvalError.prototype, URIError.prototype,
  Boolean.prototype, Number.prototype, String.prototype, BigInt.prototype,
]);

/**
 * Finds the first part of `value` that structured clone (and corral's wire
 * codec) cannot carry faithfully: functions, symbols, promises, and class
 * instances with methods (a clone would silently drop their methods).
 *
 * @example
 * ```ts
 * findUncloneable([1, { f: () => 1 }]); // { path: '[1].f', reason: 'is a function' }
 * ```
 */
export function findUncloneable(value: unknown, path = '', seen = new Set<object>()): Uncloneable | undefined {
  switch (typeof value) {
    case 'function': return { path: path || '(value)', reason: 'is a function' };
    case 'symbol': return { path: path || '(value)', reason: 'is a symbol' };
    case 'object': break;
    default: return undefined;
  }
  if (value === null || seen.has(value)) return undefined;
  seen.add(value);
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return undefined;
  if (typeof (value as { then?: unknown }).then === 'function') {
    return { path: path || '(value)', reason: 'is a promise or thenable (await it first, or pass a task future directly)' };
  }
  const proto = Object.getPrototypeOf(value) as object | null;
  if (!PLAIN_PROTOTYPES.has(proto) && !(proto && Object.getPrototypeOf(proto) === TYPED) && !(value instanceof Error)) {
    const methods = methodNames(proto);
    if (methods.length > 0) {
      const cls = (proto as { constructor?: { name?: string } }).constructor?.name ?? 'anonymous class';
      return { path: path || '(value)', reason: `is an instance of class ${cls} with methods (${methods.slice(0, 3).join(', ')}); a copy would lose them: pass plain data` };
    }
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (item !== null && (typeof item === 'object' || typeof item === 'function' || typeof item === 'symbol')) {
        const found = findUncloneable(item, `${path}[${i}]`, seen);
        if (found) return found;
      }
    }
    return undefined;
  }
  if (value instanceof Map) {
    for (const [k, v] of value) {
      const found = findUncloneable(k, `${path}<key>`, seen) ?? findUncloneable(v, `${path}.get(${JSON.stringify(String(k))})`, seen);
      if (found) return found;
    }
    return undefined;
  }
  if (value instanceof Set) {
    for (const v of value) {
      const found = findUncloneable(v, `${path}<item>`, seen);
      if (found) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    const found = findUncloneable((value as Record<string, unknown>)[key], path ? `${path}.${key}` : key, seen);
    if (found) return found;
  }
  return undefined;
}

function methodNames(proto: object | null): string[] {
  const names: string[] = [];
  for (let p = proto; p && !PLAIN_PROTOTYPES.has(p); p = Object.getPrototypeOf(p) as object | null) {
    for (const name of Object.getOwnPropertyNames(p)) {
      if (name === 'constructor') continue;
      const d = Object.getOwnPropertyDescriptor(p, name);
      if (d && typeof d.value === 'function') names.push(name);
    }
  }
  return names;
}
