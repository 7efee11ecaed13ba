// Kill -9 and resume trials: `npx tsx bench/reliability-kill-resume.ts [TRIALS] [CALLS]`.
// Each trial runs a CALLS-call workflow under `corral run` (real journal file), kills it with
// SIGKILL after a random number of calls, resumes it with `corral resume`, and counts the calls
// the journal had marked done before the kill that ran again (corral's promise: 0). The baseline
// is the same workflow run without corral's journal: every call before the kill runs again.
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { Journal } from '../sdk/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/corral.js');
const script = join(root, '__tests__/fixtures/scripts/steps-run.ts');
const trials = Number(process.argv[2] ?? 10);
const calls = Number(process.argv[3] ?? 44);

const lines = (file: string): string[] => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);

async function trial(i: number): Promise<{ killedAfter: number; doneBefore: number; rerun: number; lost: number; ok: boolean }> {
  const dir = mkdtempSync(join(tmpdir(), 'corral-kill-resume-'));
  try {
    const db = join(dir, 'corral.db');
    const log = join(dir, 'steps.log');
    const killAt = 2 + Math.floor(Math.random() * (calls - 4));
    const child = execa('node', [bin, 'run', script, log, String(calls), '30', '--journal', db], { cwd: root, reject: false });
    while (lines(log).length < killAt && child.exitCode === null) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGKILL');
    await child;
    const journal = Journal.open(db);
    const run = journal.listRuns()[0]!;
    const done = journal.calls(run.id).filter((c) => c.state === 'done').map((c) => c.seq);
    journal.close();
    const before = new Map<string, number>();
    for (const l of lines(log)) before.set(l, (before.get(l) ?? 0) + 1);
    const resumed = await execa('node', [bin, 'resume', run.id, '--journal', db, '--json'], { cwd: root, reject: false });
    const after = new Map<string, number>();
    for (const l of lines(log)) after.set(l, (after.get(l) ?? 0) + 1);
    // The chain's calls are seq 1..calls in the journal, step 0..calls-1 in the log (one line each).
    const rerun = done.filter((seq) => (after.get(`step ${seq - 1}`) ?? 0) > (before.get(`step ${seq - 1}`) ?? 0)).length;
    const lost = Array.from({ length: calls }, (_, s) => s).filter((s) => !after.has(`step ${s}`)).length;
    const ok = resumed.exitCode === 0 && (JSON.parse(resumed.stdout) as { status: string }).status === 'done';
    process.stderr.write(`trial ${i + 1}: killed after ${before.size} logged calls, ${done.length} done in the journal, re-ran ${rerun}, lost ${lost}, resume ${ok ? 'done' : 'FAILED'}\n`);
    return { killedAfter: before.size, doneBefore: done.length, rerun, lost, ok };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const results = [];
for (let i = 0; i < trials; i++) results.push(await trial(i));
const doneBefore = results.reduce((s, r) => s + r.doneBefore, 0);
const rerun = results.reduce((s, r) => s + r.rerun, 0);
console.log(JSON.stringify({
  trials, callsPerRun: calls, doneBeforeKill: doneBefore, doneCallsRerun: rerun,
  // Without a journal, a restart runs every call again: those done before the kill all re-run.
  baselineRerun: results.reduce((s, r) => s + r.killedAfter, 0),
  lostCalls: results.reduce((s, r) => s + r.lost, 0), resumesDone: results.filter((r) => r.ok).length,
}));
