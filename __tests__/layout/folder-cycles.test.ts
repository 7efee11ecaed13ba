// The layering of sdk/: no folder-level import cycle, every cross-folder
// import through the folder's index.ts, and the CLI loads bench/ only lazily.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { crossImports, folderCycles, indexBypasses } from './folder-graph.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const imports = crossImports(root);

describe('sdk folder layering', () => {
  test('reads a real graph: runtime imports endpoints and placement', () => {
    const runtime = new Set(imports.filter((i) => i.fromFolder === 'runtime').map((i) => i.toFolder));
    expect([...runtime]).toEqual(expect.arrayContaining(['endpoints', 'placement', 'graph']));
  });

  test('no folder-level import cycle (type-only imports included)', () => {
    const cycles = folderCycles(imports);
    const detail = cycles.map((group) => `${group.join(' <-> ')}: ${imports.filter((i) => group.includes(i.fromFolder) && group.includes(i.toFolder)).map((i) => `${i.from} -> ${i.to}`).join('; ')}`);
    expect(detail).toEqual([]);
  });

  test('finds a cycle when there is one', () => {
    const made = [
      { from: 'sdk/a/x.ts', to: 'sdk/b/index.ts', fromFolder: 'a', toFolder: 'b' },
      { from: 'sdk/b/y.ts', to: 'sdk/c/index.ts', fromFolder: 'b', toFolder: 'c' },
      { from: 'sdk/c/z.ts', to: 'sdk/a/index.ts', fromFolder: 'c', toFolder: 'a' },
      { from: 'sdk/c/z.ts', to: 'sdk/d/index.ts', fromFolder: 'c', toFolder: 'd' },
    ];
    expect(folderCycles(made)).toEqual([['a', 'b', 'c']]);
  });

  test("every import into another folder goes through that folder's index.ts (or task-side.ts, for code running in workers)", () => {
    expect(indexBypasses(imports).map((i) => `${i.from} -> ${i.to}`)).toEqual([]);
  });

  test('the CLI imports bench/ only lazily (a dynamic import inside the bench command)', () => {
    const cli = imports.filter((i) => i.fromFolder === 'cli' && i.toFolder === 'bench');
    expect(cli.map((i) => i.from)).toEqual(['sdk/cli/commands/bench.ts']);
    const source = readFileSync(join(root, 'sdk/cli/commands/bench.ts'), 'utf8');
    const staticImports = ts.createSourceFile('bench.ts', source, ts.ScriptTarget.Latest).statements
      .filter(ts.isImportDeclaration).map((s) => (s.moduleSpecifier as ts.StringLiteral).text);
    expect(staticImports.filter((s) => s.includes('bench/'))).toEqual([]);
  });
});
