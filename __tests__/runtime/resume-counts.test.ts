import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { execa } from 'execa';
import { Journal } from '../../sdk/index.js';
import { journalWithDiamondRun, logLines, tempDir } from './helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin/corral.js');
const script = join(root, '__tests__/fixtures/scripts/steps-run.ts');
const cli = (...args: string[]) => execa('node', [bin, ...args], { cwd: root });

async function killWhenLogged(child: ReturnType<typeof execa>, log: string, lines: number): Promise<void> {
  while (logLines(log).length < lines) {
    if (child.exitCode !== null) throw new Error(`the child ended before the log had ${lines} lines`);
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  await child.catch(() => undefined);
}

function finishedNow(db: string, runId: string): number {
  const journal = Journal.openReadOnly(db);
  try {
    return journal.currentCalls(runId).filter((c) => c.state === 'done' || c.state === 'replayed').length;
  } finally {
    journal.close();
  }
}

test('after two kills and resumes, runs/show/resume count each call once and show reads interrupted calls', async () => {
  const dir = tempDir();
  const db = join(dir, 'corral.db');
  const log = join(dir, 'steps.log');
  const steps = 8;
  await killWhenLogged(execa('node', [bin, 'run', script, log, String(steps), '250', '--journal', db], { cwd: root, reject: false }), log, 2);
  const runId = (JSON.parse((await cli('runs', '--journal', db, '--json')).stdout) as { runs: Array<{ id: string }> }).runs[0]!.id;

  await killWhenLogged(execa('node', [bin, 'resume', runId, '--journal', db], { cwd: root, reject: false }), log, logLines(log).length + 2);
  const before = finishedNow(db, runId);
  expect(before).toBeGreaterThanOrEqual(2);

  const resumed = JSON.parse((await cli('resume', runId, '--journal', db, '--json')).stdout) as { status: string; reused: number; ran: number };
  expect(resumed.status).toBe('done');
  expect(resumed.reused).toBe(before);
  expect(resumed.reused + resumed.ran).toBe(steps);

  const runs = JSON.parse((await cli('runs', '--journal', db, '--json')).stdout) as { runs: Array<{ calls: number; failed: number; resumes: number }> };
  expect(runs.runs[0]).toMatchObject({ calls: steps, failed: 0, resumes: 2 });

  const show = JSON.parse((await cli('show', runId, '--journal', db, '--json')).stdout) as { calls: Array<{ state: string; attempts: number }> };
  expect(show.calls).toHaveLength(steps);
  for (const c of show.calls) expect(c.attempts).toBe(c.state === 'replayed' ? 0 : 1);

  const all = JSON.parse((await cli('show', runId, '--all', '--journal', db, '--json')).stdout) as { calls: Array<{ state: string; error: string | null }> };
  const interrupted = all.calls.filter((c) => c.state === 'cancelled');
  expect(interrupted.length).toBeGreaterThanOrEqual(2);
  for (const c of interrupted) expect(c.error).toMatch(/^interrupted: the run stopped before this call finished/);
  expect((await cli('show', runId, '--all', '--journal', db)).stdout).toContain('interrupted: the run stopped');
}, 240_000); // eight corral processes in a row: generous on a loaded machine

test('"tries" counts the attempts that ran: one for a call that succeeded at once', async () => {
  const { path, runId } = await journalWithDiamondRun();
  const show = JSON.parse((await cli('show', runId, '--journal', path, '--json')).stdout) as { calls: Array<{ attempts: number }> };
  expect(show.calls.map((c) => c.attempts)).toEqual([1, 1, 1, 1]);
}, 180_000);

test('a journal whose interrupted calls hold plain text (written by an older corral) is still shown and reported', async () => {
  const { dir, path, runId } = await journalWithDiamondRun();
  const db = new Database(path);
  db.prepare("UPDATE calls SET state = 'cancelled', error = ? WHERE run_id = ? AND call_id = 'c3'").run('interrupted: the run stopped before this call finished; re-run on resume', runId);
  db.prepare("UPDATE attempts SET state = 'failed', error = ? WHERE run_id = ? AND call_id = 'c3'").run('worker gone', runId);
  db.close();
  const show = JSON.parse((await cli('show', runId, '--journal', path, '--json')).stdout) as { calls: Array<{ call: string; error: string | null }> };
  expect(show.calls.find((c) => c.call === 'c3')!.error).toBe('interrupted: the run stopped before this call finished; re-run on resume');
  const report = await cli('report', runId, '--journal', path, '--out', join(dir, 'report.html'));
  expect(report.exitCode).toBe(0);
}, 180_000);
