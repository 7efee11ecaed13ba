// `corral run` of a script whose task throws, as a user meets it: the error names where the task
// threw, the next line says the finished calls are kept and how to finish the run, and after the
// fix `corral resume` (no run id: the newest run) runs only the call that failed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { Journal } from '../../sdk/index.js';
import { tempDir } from '../runtime/helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = '__tests__/fixtures/tasks/throws-at.ts';
const lines = readFileSync(join(root, FIXTURE), 'utf8').split('\n');
const line = lines.findIndex((l) => l.includes('throw new RangeError')) + 1;
const THROWN_AT = `${FIXTURE}:${line}:${lines[line - 1]!.indexOf('new RangeError') + 1}`;
const corral = (args: string[], env: Record<string, string> = {}) => execa('node', [join(root, 'bin/corral.js'), ...args], { cwd: root, reject: false, env });

test('a failed run names the line the task threw at and how to resume it; after the fix, corral resume runs only the failed call', async () => {
  const db = join(tempDir(), 'corral.db');
  const failed = await corral(['run', '__tests__/fixtures/scripts/throws-run.ts', '--journal', db]);
  expect(failed.exitCode).toBe(1);
  const journal = Journal.openReadOnly(db);
  const [run] = journal.listRuns();
  journal.close();
  expect(run).toMatchObject({ workflow: 'ThrowsAt.all', status: 'failed' });
  expect(failed.stderr.split('\n').slice(-2)).toEqual([
    `corral: task ThrowsAt.check (call c2) failed on endpoint edge, attempt 1: RangeError: negative width -2 (at ${THROWN_AT})`,
    `  run ${run!.id} (ThrowsAt.all) failed; the calls that finished are kept in ${db}: \`corral show ${run!.id}\` lists them, \`corral resume ${run!.id}\` finishes the run without running them again`,
  ]);

  const resumed = await corral(['resume', '--journal', db], { CORRAL_TEST_FIXED: 'yes' });
  expect(resumed.stderr).toBe('');
  expect(resumed.stdout).toBe(`run ${run!.id} done: 1 call(s) taken from the journal, 1 run now; result: [3,-2]`);
}, 120_000);
