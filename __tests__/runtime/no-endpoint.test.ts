import { join } from 'node:path';
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { Corral, LocalEndpoint, NoEndpointError, UnknownEndpointError } from '../../sdk/index.js';
import { Diamond, Picky } from '../fixtures/tasks/workflows.js';
import { tempDir } from './helpers.js';

describe('tasks that no endpoint can run fail fast, saying why', () => {
  let corral: Corral;
  let db: string;
  beforeAll(async () => {
    db = join(tempDir(), 'corral.db');
    corral = await Corral.open({ endpoints: [new LocalEndpoint({ name: 'laptop', workers: 1 })], journal: db });
  });
  afterAll(() => corral.close());

  test('an allow-list naming an unknown endpoint', async () => {
    const error = await corral.run(Picky, 'onMars').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownEndpointError);
    expect((error as Error).message).toBe('@remote({ endpoints }) of Picky.onMars: unknown endpoint "mars"; endpoints of this session: laptop');
  });

  test('resources no endpoint has', async () => {
    const error = await corral.run(Picky, 'huge').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoEndpointError);
    expect((error as Error).message).toMatch(/^task Picky\.huge cannot run on any endpoint: laptop: needs 4096 cpus, has \d+$/);
  });

  test('the CLI lists runs and shows a run\'s calls as JSON', async () => {
    await corral.run(Diamond, 'run', join(tempDir(), 'log'), 1);
    const runId = corral.lastRunId!;
    corral.journal.flush();
    const bin = fileURLToPath(new URL('../../bin/corral.js', import.meta.url));
    const runs = JSON.parse((await execa('node', [bin, 'runs', '--json', '--journal', db])).stdout) as { runs: Array<{ id: string; status: string; calls: number }> };
    expect(runs.runs[0]).toMatchObject({ id: runId, status: 'done', calls: 4 });
    expect(runs.runs.filter((r) => r.status === 'failed')).toHaveLength(2);
    const show = JSON.parse((await execa('node', [bin, 'show', runId, '--json', '--journal', db])).stdout) as { calls: Array<{ task: string; endpoint: string; state: string; dependsOn: string[] }> };
    expect(show.calls.map((c) => [c.task, c.endpoint, c.state])).toEqual([
      ['Diamond.source', 'laptop', 'done'], ['Diamond.left', 'laptop', 'done'], ['Diamond.right', 'laptop', 'done'], ['Diamond.join', 'laptop', 'done'],
    ]);
    expect(show.calls[3]!.dependsOn).toHaveLength(2);
    const missing = await execa('node', [bin, 'show', 'r-nope', '--journal', db], { reject: false });
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('corral: no run "r-nope"');
  });
});
