import { isDataRefJson } from '../data/index.js';
import type { TaskDefinition } from '../graph/index.js';

/**
 * Numeric features of a call for profiling: the task's own `features(...)`
 * when it has one, else the byte sizes of its arguments. Also the call's input
 * bytes (for transfer estimates).
 */
export function callFeatures(def: TaskDefinition, args: readonly unknown[]): { features: Record<string, number>; inputBytes: number } {
  const custom = def.remote?.features;
  if (custom) {
    try {
      const out = custom(...args);
      const clean: Record<string, number> = {};
      for (const [k, v] of Object.entries(out ?? {})) if (typeof v === 'number' && Number.isFinite(v)) clean[k] = v;
      return { features: clean, inputBytes: inputBytesOf(args) };
    } catch {
      // A broken features() must not stop the call; sizes are a fair fallback.
    }
  }
  const features: Record<string, number> = { bytes: 0 };
  let inputBytes = 0;
  for (let i = 0; i < args.length; i++) {
    const s = byteSize(args[i]);
    inputBytes += s;
    features[argKey(i)] = s;
  }
  features.bytes = inputBytes;
  return { features, inputBytes };
}

// Every call names its arguments' features: the names are made once, not per call.
const argKeys: string[] = [];

function argKey(i: number): string {
  return (argKeys[i] ??= `arg${i}Bytes`);
}

function inputBytesOf(args: readonly unknown[]): number {
  let n = 0;
  for (const arg of args) n += byteSize(arg);
  return n;
}

/** A cheap estimate of how many bytes a value takes on the wire. */
export function byteSize(value: unknown, depth = 0): number {
  if (value === null || value === undefined) return 0;
  switch (typeof value) {
    case 'number': case 'bigint': return 8;
    case 'boolean': return 1;
    case 'string': return value.length;
    case 'object': break;
    default: return 0;
  }
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value instanceof ArrayBuffer) return value.byteLength;
  // A kept result: its size where it is, not the reference's.
  if (isDataRefJson(value)) return Number((value as { bytes: number }).bytes);
  if (depth > 3) return 0;
  if (Array.isArray(value)) {
    if (value.length > 64) return value.length * byteSize(value[0], depth + 1);
    return value.reduce((n: number, v) => n + byteSize(v, depth + 1), 0);
  }
  let n = 0;
  for (const v of Object.values(value)) n += byteSize(v, depth + 1);
  return n;
}
