// A run of the Arrays fixture (scripts/arrays-run.ts) under `corral run`,
// SIGKILLed once its log shows what the test waits for, then resumed: the
// lineage tests' common steps.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { Journal, type CallRow } from '../../sdk/index.js';
import { logLines, waitFor } from '../runtime/helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const corralBin = join(root, 'bin/corral.js');
const script = join(root, '__tests__/fixtures/scripts/arrays-run.ts');

/** Where a killed run is: its journal, its log, and the environment it ran with. */
export interface ArraysRun {
  readonly db: string;
  readonly log: string;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Starts `corral run arrays-run.ts LOG ...args`, waits until every line of
 * `waitForLines` is in the log, SIGKILLs it and returns its run id and the
 * calls the journal holds as done.
 */
export async function killArraysRun(run: ArraysRun, args: readonly string[], waitForLines: readonly string[], timeoutMs = 120_000): Promise<{ runId: string; done: CallRow[] }> {
  const child = execa('node', [corralBin, 'run', script, run.log, ...args, '--journal', run.db], { cwd: root, env: run.env, reject: false });
  await waitFor(() => waitForLines.every((l) => logLines(run.log).includes(l)), timeoutMs);
  child.kill('SIGKILL');
  expect((await child).signal).toBe('SIGKILL');
  const journal = Journal.open(run.db);
  try {
    const [first] = journal.listRuns();
    return { runId: first!.id, done: journal.calls(first!.id).filter((c) => c.state === 'done') };
  } finally {
    journal.close();
  }
}

/** `corral resume RUN --json` on the killed run: its summary, and how often each log line was written. */
export async function resumeArraysRun(run: ArraysRun, runId: string): Promise<{ status: string; result: number; counts: Map<string, number> }> {
  const resumed = await execa('node', [corralBin, 'resume', runId, '--journal', run.db, '--json'], { cwd: root, env: run.env });
  const summary = JSON.parse(resumed.stdout) as { status: string; result: number };
  const counts = new Map<string, number>();
  for (const line of logLines(run.log)) counts.set(line, (counts.get(line) ?? 0) + 1);
  return { ...summary, counts };
}
