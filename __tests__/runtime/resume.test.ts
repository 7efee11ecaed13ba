import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { Journal } from '../../sdk/index.js';
import { logLines, tempDir, waitFor } from './helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const corralBin = join(root, 'bin/corral.js');
const script = join(root, '__tests__/fixtures/scripts/steps-run.ts');


test('a workflow killed with SIGKILL in a child process resumes without re-running finished calls', async () => {
  const dir = tempDir();
  const db = join(dir, 'corral.db');
  const log = join(dir, 'steps.log');
  const steps = 8;
  const child = execa('node', [corralBin, 'run', script, log, String(steps), '250', '--journal', db], { cwd: root, reject: false });
  await waitFor(() => logLines(log).length >= 3, 60_000);
  child.kill('SIGKILL');
  const killed = await child;
  expect(killed.signal).toBe('SIGKILL');

  const journal = Journal.open(db);
  const [run] = journal.listRuns();
  expect(run!.status).toBe('running');
  const doneBefore = journal.calls(run!.id).filter((c) => c.state === 'done').map((c) => c.seq);
  journal.close();
  expect(doneBefore.length).toBeGreaterThanOrEqual(2);
  expect(doneBefore.length).toBeLessThan(steps);

  const resumed = await execa('node', [corralBin, 'resume', run!.id, '--journal', db, '--json'], { cwd: root });
  const summary = JSON.parse(resumed.stdout) as { status: string; reused: number; ran: number; result: number };
  expect(summary.status).toBe('done');
  expect(summary.result).toBe(10 * (steps * (steps - 1)) / 2);
  expect(summary.reused).toBe(doneBefore.length);

  const counts = new Map<string, number>();
  for (const line of logLines(log)) counts.set(line, (counts.get(line) ?? 0) + 1);
  for (let i = 0; i < steps; i++) expect(counts.get(`step ${i}`)).toBeGreaterThanOrEqual(1);
  // Steps the journal had finished before the kill ran exactly once.
  for (let i = 0; i < doneBefore.length; i++) expect(counts.get(`step ${i}`)).toBe(1);
});
