import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ProfileStore } from '../../sdk/profiling/index.js';
import { Journal } from '../../sdk/runtime/index.js';

const exec = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));
const bin = join(here, '..', '..', 'bin', 'corral.js');
const project = join(here, '..', 'fixtures', 'codegen', 'script');
const endpoints = join(here, '..', 'fixtures', 'workflows', 'endpoints-continuum.yaml');
let dir: string;

beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'corral-plan-')); });
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(join(project, '.corral'), { recursive: true, force: true });
});

type PlanJson = { tasks: Array<{ task: string; seconds: number }>; secondsFrom: Record<string, string> };

async function plan(journal: string, json = true): Promise<string> {
  const { stdout } = await exec(process.execPath, [bin, 'plan', 'split.ts', '--endpoints', endpoints, '--journal', journal, ...(json ? ['--json'] : [])], { cwd: project, env: { ...process.env, FORCE_COLOR: '1' } });
  return stdout;
}

describe('corral plan on a .ts entry', () => {
  it('builds the entry and plans its tasks at a prior second when the journal has never seen them', async () => {
    const out = JSON.parse(await plan(join(dir, 'empty.db'))) as PlanJson;
    expect(out.secondsFrom).toEqual({ 'Cubes.cube': 'prior' });
    expect(out.tasks.map((t) => t.task)).toEqual(['Cubes.cube']);
    expect(out.tasks[0]!.seconds).toBeLessThan(5);
  }, 120_000);

  it('takes run times measured in the profile store', async () => {
    const file = join(dir, 'measured.db');
    const journal = Journal.open(file);
    const store = new ProfileStore(journal.db);
    for (const runSeconds of [38, 42]) store.record({ taskId: 'Cubes.cube', endpoint: 'hpc-fast', features: {}, runSeconds, outcome: 'ok' });
    journal.close();
    const out = JSON.parse(await plan(file)) as PlanJson;
    expect(out.secondsFrom).toEqual({ 'Cubes.cube': 'profile' });
    // 40 s measured on hpc-fast; elsewhere 40 s of base time scaled by the endpoint's speed (at most 2).
    expect(out.tasks[0]!.seconds).toBeGreaterThanOrEqual(20);
  }, 120_000);

  it('prints no colour codes when stdout is not a terminal', async () => {
    const text = await plan(join(dir, 'empty.db'), false);
    expect(text).toMatch(/Cubes\.cube/);
    expect(text.includes('\u001b[')).toBe(false);
  }, 120_000);
});
