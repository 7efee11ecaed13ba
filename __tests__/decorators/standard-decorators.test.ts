import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));
const bin = join(here, '..', '..', 'bin', 'corral.js');
const fixtures = join(here, '..', 'fixtures', 'decorators');
let journals: string;

beforeAll(async () => { journals = await mkdtemp(join(tmpdir(), 'corral-decorators-')); });
afterAll(async () => {
  await rm(journals, { recursive: true, force: true });
  for (const dialect of ['standard', 'legacy']) await rm(join(fixtures, dialect, '.corral'), { recursive: true, force: true });
});

/** Runs the project's main.ts with `corral run` (its own tsconfig decides the decorator dialect). */
async function corralRun(dialect: 'standard' | 'legacy'): Promise<{ metadata: unknown; result: unknown }> {
  const { stdout } = await exec(process.execPath, [bin, 'run', 'main.ts', '--journal', join(journals, `${dialect}.db`)], { cwd: join(fixtures, dialect) });
  const line = (prefix: string) => JSON.parse(stdout.split('\n').find((l) => l.startsWith(prefix))!.slice(prefix.length)) as unknown;
  return { metadata: line('metadata '), result: line('result ') };
}

describe('standard (TC39) and legacy decorators', () => {
  it('a project on TypeScript\'s default decorators runs its tasks, static methods and remote(fn) functions through corral run', async () => {
    const { metadata, result } = await corralRun('standard');
    expect(result).toEqual([1, 4, 9, 1, 8, 27, 36]);
    expect(metadata).toEqual(expect.arrayContaining([
      expect.objectContaining({ id: 'Shapes.square', kind: 'method', source: 'tasks.ts:10', budget: { usd: 0.5, scope: 'call', onExceed: 'fail', confidence: 0.9 } }),
      expect.objectContaining({ id: 'shapes-cube', kind: 'static', source: 'tasks.ts:16' }),
      expect.objectContaining({ id: 'checksum', kind: 'function', source: 'tasks.ts:5' }),
    ]));
  }, 120_000);

  it('a remote(options, fn) function called from a workflow runs under corral run (it had no metadata under its own name)', async () => {
    const { result } = await corralRun('legacy');
    expect((result as number[]).at(-1)).toBe(36);
  }, 120_000);

  it('both dialects give identical metadata and identical results', async () => {
    const [standard, legacy] = await Promise.all([corralRun('standard'), corralRun('legacy')]);
    expect(standard).toEqual(legacy);
  }, 120_000);
});
