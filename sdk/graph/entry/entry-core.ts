import { decodeWire, encodeWire } from '../wire/json-codec.js';
import type { TaskLocator } from './task-locator.js';
import { thrownText } from './thrown-text.js';

/**
 * The entry protocol: how a plain `node` process on any machine runs one task.
 * The request is one JSON object on stdin; the response is one line on stdout
 * starting with {@link RESPONSE_MARKER} (the task's own prints may precede it).
 * Values use corral's wire codec (JSON, binary as base64). Used by bundles
 * built by codegen, the Python bridge and remote endpoints alike. This file
 * holds what a task bundle carries: nothing here imports the decorators.
 *
 * @example
 * ```sh
 * echo '{"protocol":1,"locator":{"module":"/app/t.ts","kind":"function","member":"add"},"args":[1,2]}' \
 *   | node bundle.mjs
 * # @@corral-response@@{"protocol":1,"ok":true,"value":3,"timings":{...}}
 * ```
 */
export const ENTRY_PROTOCOL_VERSION = 1;
/** Prefix of the response line on stdout. */
export const RESPONSE_MARKER = '@@corral-response@@';

/** What the caller sends. */
export interface EntryRequest {
  readonly protocol: number;
  readonly locator: TaskLocator;
  /** Arguments encoded with `encodeWire`. */
  readonly args: unknown;
}

/** What the entry answers. */
export type EntryResponse =
  | { readonly protocol: number; readonly ok: true; readonly value: unknown; readonly timings: EntryTimings }
  | { readonly protocol: number; readonly ok: false; readonly error: { name: string; message: string; stack?: string }; readonly timings: EntryTimings };

/** Measured on the executing machine. */
export interface EntryTimings {
  readonly loadSeconds: number;
  readonly runSeconds: number;
  readonly cpuSeconds: number;
  readonly peakMemoryBytes: number;
}

/** Loads a module by absolute path (dynamic import, or a bundle's static module). */
export type ModuleLoader = (module: string) => Promise<Record<string, unknown>>;

/** Finds the task a locator names in a loaded module; returns how to call it. */
export type TaskFinder = (exports: Record<string, unknown>, locator: TaskLocator) => (args: readonly unknown[]) => unknown;

/**
 * Runs one request to completion with the given task finder; never throws.
 *
 * @example
 * ```ts
 * const response = await runEntryWith(request, async () => taskModule, resolveLightTask);
 * ```
 */
export async function runEntryWith(request: EntryRequest, load: ModuleLoader, find: TaskFinder): Promise<EntryResponse> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let t1 = t0;
  const timings = () => {
    const cpu = process.cpuUsage(cpu0);
    return { loadSeconds: (t1 - t0) / 1000, runSeconds: (performance.now() - t1) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakMemoryBytes: process.memoryUsage.rss() };
  };
  try {
    if (request.protocol !== ENTRY_PROTOCOL_VERSION) {
      throw new Error(`entry protocol ${request.protocol} is not supported (this runner speaks ${ENTRY_PROTOCOL_VERSION})`);
    }
    const invoke = find(await load(request.locator.module), request.locator);
    t1 = performance.now();
    const value = await invoke(decodeWire(request.args) as unknown[]);
    return { protocol: ENTRY_PROTOCOL_VERSION, ok: true, value: encodeWire(value), timings: timings() };
  } catch (thrown) {
    const e = thrown instanceof Error ? thrown : new Error(`task threw a non-Error value: ${thrownText(thrown)}`);
    if (!(thrown instanceof Error)) e.name = 'NonErrorThrown';
    return { protocol: ENTRY_PROTOCOL_VERSION, ok: false, error: { name: e.name, message: e.message, stack: e.stack }, timings: timings() };
  }
}

/**
 * Reads a request from stdin, runs it, writes the response line; for `node runner`/bundles.
 *
 * @example
 * ```ts
 * if (isMain) await entryMainWith(async () => taskModule, resolveLightTask);
 * ```
 */
export async function entryMainWith(load: ModuleLoader, find: TaskFinder): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  let request: EntryRequest;
  try {
    request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as EntryRequest;
  } catch (e) {
    process.stdout.write(`${RESPONSE_MARKER}${JSON.stringify({ protocol: ENTRY_PROTOCOL_VERSION, ok: false, error: { name: 'EntryRequestError', message: `request on stdin is not JSON: ${(e as Error).message}` }, timings: { loadSeconds: 0, runSeconds: 0, cpuSeconds: 0, peakMemoryBytes: 0 } })}\n`);
    return;
  }
  const response = await runEntryWith(request, load, find);
  process.stdout.write(`${RESPONSE_MARKER}${JSON.stringify(response)}\n`);
}

/**
 * Finds and parses the response line in a runner's stdout.
 *
 * @example
 * ```ts
 * const response = parseEntryResponse(stdout);
 * ```
 */
export function parseEntryResponse(stdout: string): EntryResponse | undefined {
  const at = stdout.lastIndexOf(RESPONSE_MARKER);
  if (at < 0) return undefined;
  const line = stdout.slice(at + RESPONSE_MARKER.length).split('\n', 1)[0]!;
  return JSON.parse(line) as EntryResponse;
}

