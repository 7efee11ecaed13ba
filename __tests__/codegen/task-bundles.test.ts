import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, bundleModule } from '../../codegen/index.js';
import { decodeWire, encodeWire, ENTRY_PROTOCOL_VERSION, parseEntryResponse, type TaskLocator } from '../../sdk/graph/index.js';

const SDK = fileURLToPath(new URL('../../sdk', import.meta.url));
let dir: string;
let away: string;

/** A user project in a temporary folder: its tsconfig picks the decorator form. */
async function project(name: string, files: Record<string, string>, experimentalDecorators = true): Promise<string> {
  const root = join(dir, name);
  await rm(root, { recursive: true, force: true });
  await import('node:fs/promises').then((fs) => fs.mkdir(root, { recursive: true }));
  await writeFile(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, experimentalDecorators } }));
  for (const [file, text] of Object.entries(files)) await writeFile(join(root, file), text);
  return root;
}

/** Runs a bundle copied to a folder far from corral and its node_modules, as a worker would. */
async function runAway(bundlePath: string, locator: Omit<TaskLocator, 'bundle'>, args: unknown[]): Promise<unknown> {
  const copy = join(away, `${Math.random().toString(36).slice(2)}.mjs`);
  await copyFile(bundlePath, copy);
  const child = execFile(process.execPath, [copy], { cwd: away });
  child.stdin!.end(JSON.stringify({ protocol: ENTRY_PROTOCOL_VERSION, locator, args: encodeWire(args) }));
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c) => { stdout += String(c); });
  child.stderr!.on('data', (c) => { stderr += String(c); });
  await new Promise((resolve, reject) => { child.on('exit', resolve); child.on('error', reject); });
  const response = parseEntryResponse(stdout);
  if (!response?.ok) throw new Error(`bundle failed: ${JSON.stringify(response)} ${stderr}`);
  return decodeWire(response.value);
}

const TASKS = (from: string) => `
import { remote, costBudget } from ${JSON.stringify(from)};
export class Shapes {
  @remote({ cpus: 1 })
  @costBudget({ usd: 0.01 })
  async area(w: number, h: number): Promise<number> { return w * h; }
  @remote()
  static scale(xs: Float32Array, k: number): Float32Array { return xs.map((x) => x * k); }
}
export const hyp = remote({ name: 'hypot' }, async function hyp(a: number, b: number) { return Math.hypot(a, b); });
`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'corral-task-bundles-'));
  away = await mkdtemp(join(tmpdir(), 'corral-worker-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(away, { recursive: true, force: true });
});

describe('task bundles carry the task and corral\'s task-side runtime only', () => {
  it.each([
    ['corral\'s sdk folder', SDK],
    ['corral\'s sdk/index.js', join(SDK, 'index.js')],
    ['corral\'s sdk/index (no extension)', join(SDK, 'index')],
    ['corral\'s decorators', join(SDK, 'decorators', 'index.js')],
  ])('a module importing the decorators from %s bundles under 100 KB and runs where corral is not installed', async (_what, from) => {
    const root = await project('decorators-only', { 'shapes.ts': TASKS(from) });
    const b = await bundleModule(join(root, 'shapes.ts'), { root, outDir: join(root, 'out') });
    expect(b.refused).toBe(false);
    expect(b.findings).toEqual([]);
    expect(b.bytes).toBeLessThan(100 * 1024);
    const text = await readFile(join(root, b.path), 'utf8');
    for (const heavy of ['piscina', 'better-sqlite3', 'zod', 'reflect-metadata', '@tensorflow']) expect(text).not.toContain(heavy);
    const bundlePath = join(root, b.path);
    const module = join(root, 'shapes.ts');
    expect(await runAway(bundlePath, { module, kind: 'method', className: 'Shapes', member: 'area' }, [6, 7])).toBe(42);
    expect(await runAway(bundlePath, { module, kind: 'static', className: 'Shapes', member: 'scale' }, [new Float32Array([1, 2]), 3])).toEqual(new Float32Array([3, 6]));
    expect(await runAway(bundlePath, { module, kind: 'function', member: 'hypot' }, [3, 4])).toBe(5);
  }, 60_000);

  it('runs tasks written with standard (TC39) decorators as well as legacy ones', async () => {
    const root = await project('standard', { 'shapes.ts': TASKS(join(SDK, 'index.js')) }, false);
    const b = await bundleModule(join(root, 'shapes.ts'), { root, outDir: join(root, 'out') });
    expect(b.refused).toBe(false);
    // esbuild lowered standard decorators: the bundle calls them with (method, context).
    expect(await readFile(join(root, b.path), 'utf8')).toContain('__decorateElement');
    const module = join(root, 'shapes.ts');
    expect(await runAway(join(root, b.path), { module, kind: 'method', className: 'Shapes', member: 'area' }, [2, 5])).toBe(10);
    expect(await runAway(join(root, b.path), { module, kind: 'static', className: 'Shapes', member: 'scale' }, [new Float32Array([4]), 0.5])).toEqual(new Float32Array([2]));
  }, 60_000);

  it('a bundle run as the process entry (a worker answering one request) does not run its module\'s main-module guard', async () => {
    const marker = join(away, `guard-ran-${process.pid}`);
    const root = await project('guarded', {
      'shapes.ts': `import { fileURLToPath } from 'node:url';\nimport { writeFileSync } from 'node:fs';\n${TASKS(join(SDK, 'index.js'))}\n` +
        `if (process.argv[1] === fileURLToPath(import.meta.url)) writeFileSync(${JSON.stringify(marker)}, 'the script ran');\n`,
    });
    const b = await bundleModule(join(root, 'shapes.ts'), { root, outDir: join(root, 'out') });
    expect(b.refused).toBe(false);
    expect(await runAway(join(root, b.path), { module: join(root, 'shapes.ts'), kind: 'method', className: 'Shapes', member: 'area' }, [3, 4])).toBe(12);
    await expect(readFile(marker, 'utf8')).rejects.toThrow('ENOENT');
  }, 60_000);

  it('refuses at build time a module that imports more of corral than a bundle carries, naming the import', async () => {
    const from = join(SDK, 'index.js');
    const root = await project('workflow-script', {
      'jobs.ts': `import { remote, Corral } from ${JSON.stringify(from)};\nexport class Jobs {\n  @remote()\n  async one(): Promise<number> { return 1; }\n}\nexport const open = () => Corral.open({ endpoints: [] });\n`,
    });
    const b = await bundleModule(join(root, 'jobs.ts'), { root, outDir: join(root, 'out') });
    expect(b.refused).toBe(true);
    expect(b.findings).toHaveLength(1);
    expect(b.findings[0]).toMatchObject({ code: 'CORRAL2004', severity: 'error', file: join(root, 'jobs.ts'), line: 1 });
    expect(b.findings[0]!.message).toContain(`jobs.ts:1:18 imports "Corral" from '${from}'`);
    const result = await build({ root, files: [join(root, 'jobs.ts')] });
    expect(result.manifest).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['CORRAL2004', 'error', 1]]);
  }, 60_000);

  it('refuses a module that reaches corral code needing a package a bundle cannot carry, naming the chain', async () => {
    const root = await project('reaches-runtime', {
      'jobs.ts': `import { remote } from ${JSON.stringify(join(SDK, 'index.js'))};\nimport { LocalEndpoint } from ${JSON.stringify(join(SDK, 'endpoints', 'index.js'))};\n` +
        'export class Jobs {\n  @remote()\n  async workers(): Promise<number> { return new LocalEndpoint({ name: "x" }).describe().workers; }\n}\n',
    });
    const b = await bundleModule(join(root, 'jobs.ts'), { root, outDir: join(root, 'out') });
    expect(b.refused).toBe(true);
    expect(b.findings.every((f) => f.code === 'CORRAL2004' && f.severity === 'error')).toBe(true);
    const sqlite = b.findings.find((f) => f.message.includes('imports the package better-sqlite3'));
    expect(sqlite?.message).toMatch(/^task bundle of jobs\.ts refused: jobs\.ts → sdk\/endpoints\/index\.ts → .* imports the package better-sqlite3/);
  }, 60_000);
});
