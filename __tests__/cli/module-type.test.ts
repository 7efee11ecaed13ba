import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));
const bin = join(here, '..', '..', 'bin', 'corral.js');
const sdk = join(here, '..', '..', 'sdk', 'index.js');
let dir: string;

beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'corral-cjs-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

async function run(type: string | undefined): Promise<{ code: number; stdout: string; stderr: string }> {
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'app', ...(type ? { type } : {}) }));
  await writeFile(join(dir, 'main.ts'), `import { Corral } from ${JSON.stringify(sdk)};\nconst corral = await Corral.open({ endpoints: [] }).catch((e: Error) => e.message);\nconsole.log('opened', typeof corral);\n`);
  return exec(process.execPath, [bin, 'run', 'main.ts', '--no-build', '--journal', join(dir, 'j.db')], { cwd: dir }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: { code: number; stdout: string; stderr: string }) => e);
}

describe('a script in a project without "type": "module"', () => {
  it('stops with the exact fix: the package.json to change, or the .mts name', async () => {
    const { code, stderr } = await run('commonjs');
    expect(code).toBe(1);
    expect(stderr).toContain(`corral: main.ts was loaded as CommonJS because ${join(dir, 'package.json')} has no "type": "module"; corral scripts are ES modules: add "type": "module" to ${join(dir, 'package.json')} (npm pkg set type=module), or rename the script to main.mts`);
  }, 60_000);

  it('runs once the package is an ES module package', async () => {
    const { code, stdout } = await run('module');
    expect(code).toBe(0);
    expect(stdout).toContain('opened string');
  }, 60_000);
});
