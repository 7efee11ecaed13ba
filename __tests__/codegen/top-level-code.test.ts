import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extract } from '../../codegen/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', 'fixtures', 'codegen');

describe('top-level code in a module that defines tasks', () => {
  it('CORRAL1009: a script defining tasks next to its own statements is an error at the first statement that runs', () => {
    const file = join(root, 'script', 'one-file.ts');
    const found = extract({ root, files: [file] }).diagnostics.filter((d) => d.code === 'CORRAL1009');
    expect(found.map((d) => `${d.severity} ${d.file}:${d.line}:${d.column}`)).toEqual([`error ${file}:17:1`]);
    expect(found[0]!.message).toBe('one-file.ts defines tasks (Squares.square) and also runs top-level code, which every worker that loads these tasks would run again: move the task classes and functions into their own module (e.g. tasks/one-file.ts) and import them from this script, or guard the script\'s code with if (process.argv[1] === fileURLToPath(import.meta.url)) { ... }');
  });

  it('a script whose code is guarded by a main-module check on import.meta may define its tasks', () => {
    const result = extract({ root, files: [join(here, '..', '..', 'examples', 'federated-digits.ts')] });
    expect(result.tasks.map((t) => t.id)).toEqual(['FederatedDigits.train']);
    expect(result.diagnostics.filter((d) => d.code === 'CORRAL1009')).toEqual([]);
  });

  it('tasks in their own module, with plain initialisers, and a script importing them are fine', () => {
    const result = extract({ root, files: [join(root, 'script', 'split.ts')] });
    expect(result.tasks.map((t) => t.id)).toEqual(['Cubes.cube']);
    expect(result.diagnostics.filter((d) => d.code === 'CORRAL1009')).toEqual([]);
  });
});
