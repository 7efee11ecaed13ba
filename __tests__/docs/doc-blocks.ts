import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** One ```ts block of a Markdown page, with the line it starts on. */
export interface DocBlock {
  readonly page: string;
  readonly line: number;
  readonly code: string;
}

/**
 * Every ```ts code block of the Markdown pages in `dir` (and README.md at the
 * root), in page order.
 *
 * @example
 * ```ts
 * for (const b of docBlocks('docs')) console.log(b.page, b.line);
 * ```
 */
export function docBlocks(dir: string, extra: string[] = []): DocBlock[] {
  const pages = [...readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => join(dir, f)), ...extra];
  const blocks: DocBlock[] = [];
  for (const page of pages) {
    const lines = readFileSync(page, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!/^```(ts|typescript)\s*$/.test(lines[i]!)) continue;
      const start = i + 1;
      let end = start;
      while (end < lines.length && !lines[end]!.startsWith('```')) end++;
      blocks.push({ page: resolve(page), line: start + 1, code: lines.slice(start, end).join('\n') });
      i = end;
    }
  }
  return blocks;
}
