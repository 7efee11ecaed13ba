import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_ENTRY_SOURCE, type TaskLocator } from '../graph/index.js';

/** A failed task's stack in the terms of its source files. */
export interface SourceStack {
  /** The stack, with every frame in the task's bundle mapped to the file, line and column it was built from. */
  readonly stack?: string;
  /** Where in the user's code it was thrown (`tasks/shapes.ts:7:28`, relative to the working directory): the first frame outside corral and node_modules. */
  readonly at?: string;
}

// `    at fn (file:///x/b.mjs:119:28)` or `    at file:///x/b.mjs:119:28`: prefix, file, line, column, closing parenthesis.
const FRAME = /^(\s*at (?:.*\()?)(.+?):(\d+):(\d+)(\)?)$/;
// corral's own sources (sdk/ in a checkout, dist/sdk/ when installed): frames there are not where a user's task threw.
const CORRAL_SDK = fileURLToPath(new URL('..', import.meta.url));
const MAPS_KEPT = 16;
const maps = new Map<string, SourceMap | null>();

/**
 * Maps a failed task's stack back to its sources: frames in the task's
 * bundle (run here, or shipped to a remote host and named there by its hash)
 * go through the source map `corral build` writes beside the bundle, and the
 * first frame in the user's own code says where it threw. A stack without
 * a bundle (a task run from its sources) is kept, and still gives `at`.
 *
 * @example
 * ```ts
 * const { stack, at } = sourceStack(error.remoteStack, call.locator);
 * console.error(`thrown at ${at}`); // thrown at tasks/shapes.ts:7:28
 * ```
 */
export function sourceStack(stack: string | undefined, locator: TaskLocator | undefined): SourceStack {
  if (!stack) return {};
  const bundle = locator?.bundle;
  let at: string | undefined;
  const lines = stack.split('\n').map((line) => {
    const frame = FRAME.exec(line);
    if (!frame) return line;
    const [, prefix, file, lineText, columnText, close] = frame as unknown as [string, string, string, string, string, string];
    const path = file.startsWith('file://') ? fileURLToPath(file) : file;
    const mapped = bundle && (path === bundle.path || basename(path) === `${bundle.hash}.mjs`)
      ? original(bundle, Number(lineText), Number(columnText)) : undefined;
    const where = mapped ?? { file: path, line: Number(lineText), column: Number(columnText) };
    at ??= ownCode(where.file) ? `${shown(where.file)}:${where.line}:${where.column}` : undefined;
    return mapped ? `${prefix}${mapped.file}:${mapped.line}:${mapped.column}${close}` : line;
  });
  return { stack: lines.join('\n'), at };
}

/** Where a bundle's line and column (1-based) came from, through the map beside it; undefined when it has none or the spot is corral's entry code. */
function original(bundle: NonNullable<TaskLocator['bundle']>, line: number, column: number): { file: string; line: number; column: number } | undefined {
  const mapPath = `${bundle.path}.map`;
  const map = sourceMapAt(mapPath, bundle.hash);
  const entry = map?.findEntry(line - 1, column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number } | undefined;
  if (!entry?.originalSource || entry.originalLine === undefined || entry.originalSource.startsWith(BUNDLE_ENTRY_SOURCE)) return undefined;
  return { file: resolve(dirname(mapPath), entry.originalSource), line: entry.originalLine + 1, column: (entry.originalColumn ?? 0) + 1 };
}

/** The source map at `path`, read once per bundle build (`hash`): a rebuilt bundle has a new map. */
function sourceMapAt(path: string, hash: string): SourceMap | undefined {
  const key = `${hash}:${path}`;
  let map = maps.get(key);
  if (map === undefined) {
    try {
      map = new SourceMap(JSON.parse(readFileSync(path, 'utf8')));
    } catch {
      // Built before corral wrote maps, or removed since: the stack stays as the bundle's.
      map = null;
    }
    if (maps.size >= MAPS_KEPT) maps.delete(maps.keys().next().value!);
    maps.set(key, map);
  }
  return map ?? undefined;
}

function ownCode(file: string): boolean {
  return !file.startsWith('node:') && !file.includes(`${sep}node_modules${sep}`) && !file.startsWith(CORRAL_SDK);
}

function shown(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') || rel === '' ? file : rel.split(sep).join('/');
}
