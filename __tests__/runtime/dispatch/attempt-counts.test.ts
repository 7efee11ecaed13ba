import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { execa } from 'execa';
import { Corral, LocalEndpoint, OnDemandCostModel } from '../../../sdk/index.js';
import { Failing } from '../../fixtures/tasks/workflows.js';
import { tempDir } from '../helpers.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

interface ShownCall { task: string; state: string; endpoint: string; attempts: number }

/** `corral show RUN --json` of a journal, as a user reads it. */
async function show(db: string, runId: string): Promise<ShownCall[]> {
  const { stdout } = await execa('node', ['bin/corral.js', 'show', runId, '--journal', db, '--json'], { cwd: root });
  return (JSON.parse(stdout) as { calls: ShownCall[] }).calls;
}

// Issue 13 item 10: the attempt count of a call must be the number of attempts that ran, in
// `corral show`, in the calls table itself and in the numbering of the attempt rows.
test('a call that succeeds at once shows 1 attempt; a call retried twice shows 3, with attempt rows numbered 1..3', async () => {
  const dir = tempDir();
  const db = join(dir, 'corral.db');
  // "a" and "b" refuse the call (their workers carry the marker), "c" runs it; under `cheapest` the
  // call goes to "a" first, fails over to "b", then to "c".
  const corral = await Corral.open({
    endpoints: [
      new LocalEndpoint({ name: 'a', workers: 1, env: { CORRAL_TEST_MARKER: 'bad' } }),
      new LocalEndpoint({ name: 'b', workers: 1, env: { CORRAL_TEST_MARKER: 'bad' } }),
      new LocalEndpoint({ name: 'c', workers: 1, env: { CORRAL_TEST_MARKER: 'good' } }),
    ],
    costModels: { a: new OnDemandCostModel({ usdPerHour: 1 }), b: new OnDemandCostModel({ usdPerHour: 2 }), c: new OnDemandCostModel({ usdPerHour: 3 }) },
    policy: 'cheapest', retryBackoffS: 0.01, journal: db,
  });
  let once: string; let retried: string;
  try {
    expect(await corral.run(Failing, 'failsOn', 'none', 'FlakyError')).toBe('ok');
    once = corral.lastRunId!;
    expect(await corral.run(Failing, 'failsOn', 'bad', 'FlakyError')).toBe('ok');
    retried = corral.lastRunId!;
  } finally {
    await corral.close();
  }

  expect(await show(db, once)).toMatchObject([{ task: 'Failing.failsOn', state: 'done', endpoint: 'a', attempts: 1 }]);
  expect(await show(db, retried)).toMatchObject([{ task: 'Failing.failsOn', state: 'done', endpoint: 'c', attempts: 3 }]);

  const sql = new Database(db, { readonly: true });
  try {
    const column = (runId: string) => (sql.prepare('SELECT attempts FROM calls WHERE run_id = ?').get(runId) as { attempts: number }).attempts;
    expect(column(once)).toBe(1);
    expect(column(retried)).toBe(3);
    const rows = sql.prepare('SELECT attempt, endpoint, state FROM attempts WHERE run_id = ? ORDER BY attempt').all(retried);
    expect(rows).toEqual([
      { attempt: 1, endpoint: 'a', state: 'failed' },
      { attempt: 2, endpoint: 'b', state: 'failed' },
      { attempt: 3, endpoint: 'c', state: 'done' },
    ]);
  } finally {
    sql.close();
  }
}, 120_000);
