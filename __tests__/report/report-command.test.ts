import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProgram } from '../../sdk/cli/main.js';
import { Corral, LocalEndpoint } from '../../sdk/index.js';
import { Diamond, Failing } from '../fixtures/tasks/workflows.js';

/** Runs `corral ARGS` in this process and returns what it printed on stdout. */
async function corral(args: string[]): Promise<string> {
  let out = '';
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array) => { out += chunk.toString(); return true; }) as typeof process.stdout.write;
  try {
    await buildProgram().parseAsync(['node', 'corral', ...args]);
  } finally {
    process.stdout.write = write;
  }
  return out;
}

describe('corral report on runs recorded in a real journal', () => {
  let dir: string;
  let db: string;
  const runs: Record<string, string> = {};

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'corral-report-cli-'));
    db = join(dir, 'corral.db');
    const session = await Corral.open({
      endpoints: [
        new LocalEndpoint({ name: 'flaky', workers: 1, env: { CORRAL_TEST_MARKER: 'flaky' } }),
        new LocalEndpoint({ name: 'steady', workers: 1, env: { CORRAL_TEST_MARKER: 'steady' } }),
      ],
      journal: db,
      retryBackoffS: 0.01,
    });
    try {
      await session.run(Diamond, 'run', join(dir, 'diamond.log'), 1);
      runs.diamond = session.lastRunId!;
      await session.run(Failing, 'failsOn', 'flaky', 'FlakyError');
      runs.failover = session.lastRunId!;
    } finally {
      await session.close();
    }
  });

  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  it('writes the HTML report and one PNG per chart, and says so in one JSON object', async () => {
    const html = join(dir, 'out', 'diamond.html');
    const pngs = join(dir, 'png');
    const printed = JSON.parse(await corral(['report', runs.diamond, '--journal', db, '--out', html, '--png', pngs, '--json']));
    expect(printed).toMatchObject({ runId: runs.diamond, html });
    expect(printed.charts).toEqual(expect.arrayContaining(['gantt', 'spend-by-endpoint', 'task-graph']));
    expect(printed.pngs).toEqual(printed.charts.map((id: string) => join(pngs, `${id}.png`)));
    for (const png of printed.pngs) expect(existsSync(png)).toBe(true);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<h1>Diamond.run');
    const data = JSON.parse(page.match(/<script type="application\/json" id="corral-run-data">(.*?)<\/script>/s)![1]);
    expect(data.calls.map((c: { taskId: string }) => c.taskId).sort()).toEqual(['Diamond.join', 'Diamond.left', 'Diamond.right', 'Diamond.source']);
    expect(data.edges).toHaveLength(4);
  });

  it('shows a failover: the failed attempt on one endpoint, the success on the other', async () => {
    const html = join(dir, 'failover.html');
    await corral(['report', runs.failover, '--journal', db, '--out', html]);
    const page = readFileSync(html, 'utf8');
    const failures = page.slice(page.indexOf('<section id="failures">'));
    expect(failures).toMatch(/<td>Failing\.failsOn<\/td><td>c\d+<\/td><td>flaky<\/td><td class="num">1<\/td>.*FlakyError.*recovered/);
    const data = JSON.parse(page.match(/id="corral-run-data">(.*?)<\/script>/s)![1]);
    expect(data.calls[0]).toMatchObject({ endpoint: 'steady', failovers: 1, retries: 1 });
  });

  it('reports the newest run when no run id is given', async () => {
    const printed = JSON.parse(await corral(['report', '--journal', db, '--out', join(dir, 'newest.html'), '--json']));
    expect(printed.runId).toBe(runs.failover);
  });

  it('fails with a message naming the run and the journal when the run does not exist', async () => {
    await expect(corral(['report', 'no-such-run', '--journal', db])).rejects.toThrow(`no run "no-such-run" in journal ${db}`);
  });
});
