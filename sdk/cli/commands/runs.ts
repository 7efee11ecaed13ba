import { existsSync } from 'node:fs';
import Table from 'cli-table3';
import type { Command } from 'commander';
import { journalPath, withJournal } from '../journal-option.js';
import { printResult } from '../output.js';

/** `corral runs`: the runs in the journal, newest first. */
export function registerRuns(program: Command): void {
  program.command('runs')
    .description('list the runs in the journal, newest first')
    .option('--journal <file>', 'journal database (default: $CORRAL_JOURNAL or .corral/corral.db)')
    .option('--limit <n>', 'how many', (v) => Number.parseInt(v, 10), 20)
    .option('--json', 'print one JSON object')
    .action(async (opts: { journal?: string; limit: number; json?: boolean }) => {
      // A project without a journal has no runs yet: say so without creating one.
      const runs = !existsSync(journalPath(opts.journal)) ? [] : await withJournal(opts.journal, (j) => j.listRuns(opts.limit).map((r) => {
        // A resumed run counts the calls of its latest execution, not those of every execution.
        const calls = j.currentCalls(r.id);
        return {
          id: r.id, workflow: r.workflow, status: r.status, startedAt: new Date(r.started_at).toISOString(),
          seconds: r.ended_at ? (r.ended_at - r.started_at) / 1000 : null, calls: calls.length,
          failed: calls.filter((c) => c.state === 'failed').length, resumes: r.resumes, error: r.error,
        };
      }));
      printResult(opts.json, { runs }, () => {
        if (runs.length === 0) return 'no runs yet';
        const table = new Table({ head: ['run', 'workflow', 'status', 'started', 'seconds', 'calls', 'failed'], style: { head: [], border: [], compact: true } });
        for (const r of runs) table.push([r.id, r.workflow, r.status, r.startedAt, r.seconds?.toFixed(2) ?? '-', r.calls, r.failed]);
        return table.toString();
      });
    });
}
