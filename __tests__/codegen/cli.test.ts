import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));
const bin = join(here, '..', '..', 'bin', 'corral.js');
const fixtures = join(here, '..', 'fixtures', 'codegen');
let out: string;

beforeAll(async () => { out = await mkdtemp(join(tmpdir(), 'corral-cli-')); });
afterAll(async () => { await rm(out, { recursive: true, force: true }); });

describe('corral build and corral graph commands', () => {
  it('build exits 1 and prints errors like tsc', async () => {
    const failed = await run(process.execPath, [bin, 'build', 'bad/bad.ts', '--out', out, '--no-bundles'], { cwd: fixtures }).then(
      () => undefined, (e: { code: number; stderr: string }) => e);
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain('bad/bad.ts:32:13 - error CORRAL1004: @remote on Bad.negative: option "retries" must be an integer between 0 and 100 (got -1)');
    expect(failed?.stderr).toContain('Found 12 errors and 1 warning.');
  }, 90_000);

  it('graph --format mermaid prints the flowchart of a source file', async () => {
    const { stdout } = await run(process.execPath, [bin, 'graph', 'images/images.ts', '--format', 'mermaid'], { cwd: fixtures });
    expect(stdout.startsWith('flowchart LR\n')).toBe(true);
    expect(stdout).toMatch(/n\d+\(\["Images\.pipeline<br\/>budget: usd 2, deadlineS 600"\]\)/);
    expect(stdout).toMatch(/-\.->\|"×imgs\.length"\|/);
  }, 90_000);

  it('graph --json prints one JSON object, the same as --format json', async () => {
    const [json, format] = await Promise.all([
      run(process.execPath, [bin, 'graph', 'images/images.ts', '--json'], { cwd: fixtures }),
      run(process.execPath, [bin, 'graph', 'images/images.ts', '--format', 'json'], { cwd: fixtures }),
    ]);
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(format.stdout));
    expect(json.stdout.trim().split('\n')).toHaveLength(1);
  }, 90_000);
});
