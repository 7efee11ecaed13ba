import type { Command } from 'commander';
import { Corral, JournalError, UnknownRunError, parseStoredJson } from '../../runtime/index.js';
import { journalPath, runIdOrNewest, withJournal } from '../journal-option.js';
import { printResult } from '../output.js';

/** `corral resume [RUN_ID]` (default the newest run): finishes a run that stopped, without re-running finished calls. */
export function registerResume(program: Command): void {
  program.command('resume [runId]')
    .description('finish a run that stopped (crash, kill, a task that failed; RUN_ID, else the newest run); calls that had finished are taken from the journal')
    .option('--journal <file>', 'journal database (default: $CORRAL_JOURNAL or .corral/corral.db)')
    .option('--endpoints <file>', 'endpoints.yaml to use (default: the one the run used)')
    .option('--json', 'print one JSON object')
    .action(async (given: string | undefined, opts: { journal?: string; endpoints?: string; json?: boolean }) => {
      const { runId, ...recorded } = await withJournal(opts.journal, (j) => {
        const runId = runIdOrNewest(j, given);
        const run = j.getRun(runId);
        if (!run) throw new UnknownRunError(j.path, runId);
        const config = parseStoredJson<{ endpoints?: string | null; policy?: string }>(run.config ?? '{}');
        if (!config) throw new JournalError(j.path, `run ${runId}: field "config" is damaged (not a JSON object), so its endpoints and policy are unknown: pass --endpoints FILE`);
        return { ...config, runId, done: run.status === 'done' };
      });
      const corral = await Corral.open({ journal: journalPath(opts.journal), endpoints: opts.endpoints ?? recorded.endpoints ?? undefined, policy: recorded.policy });
      try {
        const result = await corral.resume(runId);
        // Only this execution's calls: replays made by earlier resumes are not reused again by this one.
        const calls = corral.journal.currentCalls(runId);
        const summary = { runId, status: corral.journal.getRun(runId)!.status, reused: calls.filter((c) => c.state === 'replayed').length, ran: recorded.done ? 0 : calls.filter((c) => c.state === 'done').length, result: jsonable(result) };
        printResult(opts.json, summary, () => `run ${runId} ${summary.status}: ${summary.reused} call(s) taken from the journal, ${summary.ran} run now${resultText(summary.result)}`);
      } finally {
        await corral.close();
      }
    });
}

/** The workflow's result as a short line: the run's script printed it the first time, and a resume is the user's only view of it. */
function resultText(result: unknown): string {
  if (result === null) return '';
  const text = JSON.stringify(result);
  return `; result: ${text.length > 200 ? `${text.slice(0, 200)}...` : text}`;
}

function jsonable(value: unknown): unknown {
  try { return JSON.parse(JSON.stringify(value ?? null)); } catch { return String(value); }
}
