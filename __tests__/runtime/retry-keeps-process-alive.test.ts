import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { Journal } from '../../sdk/index.js';
import { tempDir } from './helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const corralBin = join(root, 'bin/corral.js');
const script = join(root, '__tests__/fixtures/scripts/retry-run.ts');

test('a run waiting on a retry backoff on a thread endpoint keeps node alive: the error arrives and finally runs', async () => {
  const db = join(tempDir(), 'corral.db');
  const child = await execa('node', [corralBin, 'run', script, '--journal', db], { cwd: root, reject: false, env: { CORRAL_JOURNAL: db } });
  expect(child.stdout.split('\n')).toEqual(expect.arrayContaining(['error TaskFailedError attempt 3', 'finally ran']));
  expect(child.exitCode).toBe(0);
  const journal = Journal.open(db);
  try {
    const [run] = journal.listRuns();
    expect(run!.status).toBe('failed');
    expect(journal.attempts(run!.id).map((a) => [a.attempt, a.state])).toEqual([[1, 'failed'], [2, 'failed'], [3, 'failed']]);
  } finally {
    journal.close();
  }
});
