import type { Alias, Document, LineCounter, Node } from 'yaml';
import { ConfigError } from './config-error.js';
import { yaml } from './yaml-package.js';

/** Aliases a config file may expand: plenty for shared blocks, far too few for a "billion laughs" bomb. */
const MAX_ALIASES = 100;

/**
 * A parsed YAML config file that can point at its own lines: every error
 * built from it names the file, line and column of the field at fault.
 *
 * @example
 * ```ts
 * const source = YamlSource.parse('workers: .inf\n', 'endpoints.yaml');
 * throw source.error(['workers'], 'workers', `must be a number${source.got(['workers'])}`); // endpoints.yaml:1:10: workers must be a number (got .inf)
 * ```
 */
export class YamlSource {
  private constructor(readonly file: string, readonly text: string, readonly doc: Document, private readonly lines: LineCounter) {}

  /** Parses `text`; invalid YAML is a ConfigError at the first problem's line. */
  static parse(text: string, file: string): YamlSource {
    const { LineCounter, parseDocument } = yaml();
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const source = new YamlSource(file, text, doc, lines);
    if (doc.errors.length > 0) {
      const e = doc.errors[0]!;
      throw source.errorAtOffset(e.pos[0], '', `is not valid YAML: ${e.message.split('\n')[0]}`);
    }
    return source;
  }

  /**
   * The document as plain data. Aliases are checked first, so an undefined
   * alias or an alias bomb is an error at the alias's line rather than a bare
   * ReferenceError.
   */
  toJS(): unknown {
    const aliases: Alias[] = [];
    yaml().visit(this.doc, { Alias: (_key, alias) => { aliases.push(alias); } });
    const unresolved = aliases.find((a) => !a.resolve(this.doc));
    if (unresolved) throw this.errorAtOffset(unresolved.range?.[0] ?? 0, '', `uses the alias *${unresolved.source} before any anchor &${unresolved.source} is defined`);
    try {
      return this.doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (error) {
      // Nested aliases multiply when expanded: point at the first alias, where the chain starts.
      throw this.errorAtOffset(aliases[0]?.range?.[0] ?? 0, '', `expands its anchors and aliases too far (${(error as Error).message}); write the repeated blocks out`);
    }
  }

  /** A ConfigError at the node of `path` (or the closest node above it that exists). */
  error(path: ReadonlyArray<string | number>, field: string, detail: string): ConfigError {
    const node = this.closest(path);
    return node?.range ? this.errorAtOffset(node.range[0], field, detail) : new ConfigError(this.file, undefined, undefined, field, detail);
  }

  /** Line and column of the node of `path` (or the closest node above it). */
  positionOf(path: ReadonlyArray<string | number>): { line: number; column: number } | undefined {
    const node = this.closest(path);
    return node?.range ? this.position(node.range[0]) : undefined;
  }

  /** `file:line:col` of the node of `path` (or the closest node above it). */
  where(path: ReadonlyArray<string | number>): string {
    const node = this.closest(path);
    if (!node?.range) return this.file;
    const pos = this.lines.linePos(node.range[0]);
    return `${this.file}:${pos.line}:${pos.col}`;
  }

  /**
   * ` (got VALUE)` for the value at `path` as JSON, except numbers JSON cannot
   * hold (`.inf`, `.nan`, `1e400`), shown as written; '' when there is no
   * value there.
   */
  got(path: ReadonlyArray<string | number>): string {
    const node = this.exact(path);
    if (!node) return '';
    // JSON would print .inf, .nan and 1e400 as null: show those as written.
    if (yaml().isScalar(node) && node.range && typeof node.value === 'number' && !Number.isFinite(node.value)) {
      return ` (got ${this.text.slice(node.range[0], node.range[1]).trim()})`;
    }
    try {
      const value = JSON.stringify(node.toJSON(), (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
      return value === undefined ? '' : ` (got ${value.length > 60 ? `${value.slice(0, 57)}...` : value})`;
    } catch {
      return '';
    }
  }

  /** Line and column of a character offset. */
  position(offset: number): { line: number; column: number } {
    const pos = this.lines.linePos(offset);
    return { line: pos.line, column: pos.col };
  }

  private errorAtOffset(offset: number, field: string, detail: string): ConfigError {
    const pos = this.position(offset);
    return new ConfigError(this.file, pos.line, pos.column, field, detail);
  }

  private exact(path: ReadonlyArray<string | number>): Node | undefined {
    const node = this.doc.getIn(path as unknown[], true) as Node | undefined;
    return node && typeof node === 'object' && !yaml().isAlias(node) ? node : undefined;
  }

  private closest(path: ReadonlyArray<string | number>): Node | undefined {
    const { isMap, isSeq } = yaml();
    let node = this.doc.contents as Node | null;
    let last: Node | undefined = node ?? undefined;
    for (const key of path) {
      if (isSeq(node) && typeof key === 'number') {
        node = (node.items[key] as Node | undefined) ?? null;
        if (!node) break;
        last = node;
        continue;
      }
      if (!node || !isMap(node)) break;
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      node = pair.value as Node | null;
      last = (node ?? (pair.key as Node)) ?? last;
    }
    return last;
  }
}
