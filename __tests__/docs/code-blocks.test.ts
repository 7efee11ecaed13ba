import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { docBlocks, type DocBlock } from './doc-blocks.js';

const repo = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

/**
 * Docs show fragments: names defined elsewhere (`images`, `corral`), bodies
 * elided as `{ ... }`. These codes say only that; everything else (a missing
 * export, an unknown option or property, a wrong argument type) is an error in the docs.
 */
const FRAGMENT = new Set([
  2304, // Cannot find name 'x'
  2552, // Cannot find name 'x'. Did you mean 'y'?
  18004, // No value exists in scope for the shorthand property 'x'
  2355, // A function whose declared type is not 'void' must return a value: { ... } bodies
  7006, // Parameter 'x' implicitly has an 'any' type
  2593, // Cannot find name 'test' (a test runner's globals)
]);

let dir: string;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Writes each block as a module. A block whose first line names its file
 * (`// tasks/images.ts: ...`) is written there, so that blocks of one page
 * import each other as the page says.
 */
function writeBlocks(blocks: DocBlock[]): Map<string, DocBlock> {
  dir = mkdtempSync(join(tmpdir(), 'corral-doc-blocks-'));
  // As in a project from `corral init`: ES modules, so blocks may use top-level await.
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  const files = new Map<string, DocBlock>();
  blocks.forEach((block, i) => {
    const named = /^\/\/ ([\w./-]+)\.ts\b/.exec(block.code)?.[1];
    const file = join(dir, basename(block.page, '.md'), named ? `${named}.ts` : `block-${i}.ts`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${block.code}\nexport {};\n`);
    files.set(file, block);
  });
  return files;
}

describe('TypeScript code blocks in the docs', () => {
  it('type-check against corral\'s public API (corral and corral/federated)', () => {
    const blocks = docBlocks(join(repo, 'docs'), [join(repo, 'README.md')]);
    expect(blocks.length).toBeGreaterThan(10);
    const files = writeBlocks(blocks);
    const program = ts.createProgram([...files.keys()], {
      target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true, skipLibCheck: true, noEmit: true, lib: ['lib.es2023.d.ts'],
      experimentalDecorators: false, types: ['node'], typeRoots: [join(repo, 'node_modules', '@types')],
      paths: { corral: [join(repo, 'sdk', 'index.ts')], 'corral/federated': [join(repo, 'sdk', 'federated', 'public-api.ts')] },
    });
    const errors: string[] = [];
    for (const d of ts.getPreEmitDiagnostics(program)) {
      const block = d.file && files.get(d.file.fileName);
      if (!block || FRAGMENT.has(d.code)) continue;
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      errors.push(`${relative(repo, block.page)}:${block.line + line} TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    }
    expect(errors).toEqual([]);
  }, 120_000);
});
