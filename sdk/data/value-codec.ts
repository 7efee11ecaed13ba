import { randomBytes } from 'node:crypto';
import { decodeWire, encodeWire, setOwn } from '../graph/index.js';
import { DataEncodingError } from './data-errors.js';

/*
 * corral's data format: the value's structure through the wire codec (the one
 * call arguments and results use), with its binary parts (typed arrays,
 * ArrayBuffers) taken out and appended raw instead of base64, so a 50 MB
 * Float64Array costs 50 MB and two copies, not a 67 MB string.
 *
 *   "CRLD" | u32 LE header length | header JSON | pad to 8 | part 0 | pad to 8 | part 1 ...
 *   header = { v: 1, nonce, value: wire JSON, parts: [{ type, offset (from part 0), bytes }] }
 *
 * A part's place in the value is a string holding a per-object random nonce,
 * which no user string can match by chance.
 */
const MAGIC = 0x444c5243; // "CRLD" little endian
const VERSION = 1;

type Binary = ArrayBufferView | ArrayBuffer;
type TypedArrayCtor = new (buffer: ArrayBuffer) => ArrayBufferView;
const TYPED: Record<string, TypedArrayCtor> = {
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array,
};

interface Header {
  v: number;
  nonce: string;
  value: unknown;
  parts: Array<{ type: string; offset: number; bytes: number }>;
}

/**
 * Encodes any value the wire codec carries into one byte array.
 *
 * @example
 * ```ts
 * const bytes = encodeValue({ x: new Float64Array([1, 2]), label: 'a' });
 * decodeValue(bytes); // { x: Float64Array [1, 2], label: 'a' }
 * ```
 */
export function encodeValue(value: unknown): Uint8Array {
  const nonce = randomBytes(12).toString('hex');
  const binaries: Binary[] = [];
  const index = new Map<Binary, number>();
  const skeleton = extract(value, nonce, binaries, index, new Set());
  let wire: unknown;
  try {
    wire = encodeWire(skeleton);
  } catch (error) {
    throw new DataEncodingError((error as Error).message.replace(/^cannot encode (.*?): it /, '$1 '), error);
  }
  // Part offsets count from the start of the data section, which follows the header.
  const parts: Header['parts'] = [];
  let offset = 0;
  for (const b of binaries) {
    parts.push({ type: typeName(b), offset, bytes: b.byteLength });
    offset = align(offset + b.byteLength);
  }
  const header = Buffer.from(JSON.stringify({ v: VERSION, nonce, value: wire, parts } satisfies Header));
  const data = align(8 + header.byteLength);
  const last = parts[parts.length - 1];
  const out = new Uint8Array(last ? data + last.offset + last.bytes : 8 + header.byteLength);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, header.byteLength, true);
  out.set(header, 8);
  binaries.forEach((b, i) => out.set(bytesOf(b), data + parts[i]!.offset));
  return out;
}

/**
 * Inverse of {@link encodeValue}. Every typed array gets its own buffer (a
 * copy), so callers may keep or transfer it freely. Throws a plain Error on
 * bytes that are not corral's data format (stores report it as damage).
 */
export function decodeValue(bytes: Uint8Array): unknown {
  if (bytes.byteLength < 8) throw new Error(`${bytes.byteLength} bytes is too short for corral's data format`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new Error('not in corral\'s data format (bad magic)');
  const length = view.getUint32(4, true);
  if (8 + length > bytes.byteLength) throw new Error(`header of ${length} bytes runs past the end (${bytes.byteLength} bytes)`);
  const header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + 8, length).toString('utf8')) as Header;
  if (header.v !== VERSION) throw new Error(`data format version ${header.v} is not known (this corral reads ${VERSION})`);
  const data = align(8 + length);
  const parts = header.parts.map(({ type, offset: at, bytes: n }) => {
    const offset = data + at;
    if (offset + n > bytes.byteLength) throw new Error(`part at ${offset} of ${n} bytes runs past the end (${bytes.byteLength} bytes)`);
    const copy = new ArrayBuffer(n);
    new Uint8Array(copy).set(bytes.subarray(offset, offset + n));
    if (type === 'ArrayBuffer') return copy;
    const ctor = TYPED[type];
    if (!ctor) throw new Error(`unknown binary part type "${type}"`);
    return new ctor(copy);
  });
  return restore(decodeWire(header.value), `${PREFIX}${header.nonce}:`, parts);
}

const PREFIX = '\u0000corral-part:';

function extract(value: unknown, nonce: string, binaries: Binary[], index: Map<Binary, number>, open: Set<object>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    let i = index.get(value);
    if (i === undefined) {
      i = binaries.push(value) - 1;
      index.set(value, i);
    }
    return `${PREFIX}${nonce}:${i}`;
  }
  if (value instanceof Date || value instanceof RegExp || value instanceof Error) return value;
  if (open.has(value)) throw new DataEncodingError('it contains a cycle (an object inside itself): corral\'s data format carries trees');
  open.add(value);
  const inner = (v: unknown) => extract(v, nonce, binaries, index, open);
  let out: unknown;
  if (Array.isArray(value)) out = value.map(inner);
  else if (value instanceof Map) out = new Map([...value].map(([k, v]) => [inner(k), inner(v)]));
  else if (value instanceof Set) out = new Set([...value].map(inner));
  else if (typeof (value as { then?: unknown }).then === 'function') out = value; // the wire codec names it
  else {
    const copy: Record<string, unknown> = Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) setOwn(copy, k, inner(v));
    out = copy;
  }
  open.delete(value);
  return out;
}

function restore(value: unknown, prefix: string, parts: Binary[]): unknown {
  if (typeof value === 'string') return value.startsWith(prefix) ? parts[Number(value.slice(prefix.length))] : value;
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = restore(value[i], prefix, parts);
    return value;
  }
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [restore(k, prefix, parts), restore(v, prefix, parts)]));
  if (value instanceof Set) return new Set([...value].map((v) => restore(v, prefix, parts)));
  if (value instanceof Date || value instanceof RegExp || value instanceof Error) return value;
  const record = value as Record<string, unknown>;
  for (const k of Object.keys(record)) record[k] = restore(record[k], prefix, parts);
  return record;
}

function typeName(b: Binary): string {
  if (b instanceof ArrayBuffer) return 'ArrayBuffer';
  // As the wire codec does: a Buffer or a DataView comes back as a Uint8Array.
  return b instanceof Buffer || b instanceof DataView ? 'Uint8Array' : b.constructor.name;
}

function bytesOf(b: Binary): Uint8Array {
  return b instanceof ArrayBuffer ? new Uint8Array(b) : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

function align(n: number): number {
  return Math.ceil(n / 8) * 8;
}
