import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initProject } from '../../sdk/cli/commands/init.js';
import { loadEndpointsFile } from '../../sdk/runtime/index.js';

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'corral-init-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

describe('corral init', () => {
  it('scaffolds tsconfig, endpoints.yaml, tasks with a test, main.ts, and makes package.json an ES module package', async () => {
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'app', type: 'commonjs', scripts: { test: 'echo "Error: no test specified" && exit 1' } }));
    const result = initProject(dir);
    expect(result.written.sort()).toEqual(['.gitignore', 'endpoints.yaml', 'main.ts', 'tasks/shapes.test.ts', 'tasks/shapes.ts', 'tsconfig.json']);
    expect(result.packageJson).toEqual([
      '"type": "module" (was "commonjs")', 'scripts.start', 'scripts.test', 'scripts.build', 'devDependencies.typescript', 'devDependencies.@types/node',
    ]);
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { type: string; scripts: Record<string, string>; devDependencies: Record<string, string> };
    // npm run build runs tsc: the compiler must be a declared dependency, not whatever `npx tsc` would fetch.
    expect(pkg.devDependencies).toEqual({ typescript: '~5.9.3', '@types/node': '^20.19.0' });
    expect(pkg.type).toBe('module');
    expect(pkg.scripts).toEqual({ test: 'node --import tsx --test tasks/*.test.ts', start: 'corral run main.ts', build: 'tsc' });
    const tsconfig = JSON.parse(await readFile(join(dir, 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
    expect(tsconfig.compilerOptions).not.toHaveProperty('experimentalDecorators');
    const endpoints = loadEndpointsFile(join(dir, 'endpoints.yaml'));
    expect(endpoints.policy).toBe('delta');
    expect(endpoints.entries.map((e) => [e.common.name, e.common.kind])).toEqual([['local', 'local']]);
  });

  it('never overwrites a file and keeps a real test script', async () => {
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'app', type: 'module', scripts: { test: 'vitest' }, devDependencies: { typescript: '^6.0.0' } }));
    await writeFile(join(dir, 'main.ts'), '// mine\n');
    const result = initProject(dir);
    expect(result.kept).toEqual(['main.ts']);
    expect(await readFile(join(dir, 'main.ts'), 'utf8')).toBe('// mine\n');
    expect(result.packageJson).toEqual(['scripts.start', 'scripts.build', 'devDependencies.@types/node']);
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(pkg.devDependencies.typescript).toBe('^6.0.0');
  });
});
