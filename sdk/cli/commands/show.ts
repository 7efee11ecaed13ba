import Table from 'cli-table3';
import type { Command } from 'commander';
import { withJournal } from '../journal-option.js';
import { printResult } from '../output.js';

/** `corral show RUN_ID`: every call of a run: task, endpoint, state, attempts, seconds, cost. */
export function registerShow(program: Command): void {
  program.command('show <runId>')
    .description('show the calls of a run: where each ran, how long, what it cost, what failed')
    .option('--journal <file>', 'journal database (default: $CORRAL_JOURNAL or .corral/corral.db)')
    .option('--json', 'print one JSON object')
    .action(async (runId: string, opts: { journal?: string; json?: boolean }) => {
      const data = await withJournal(opts.journal, (j) => {
        const run = j.getRun(runId);
        if (!run) throw new Error(`no run "${runId}" in ${j.path} (see \`corral runs\`)`);
        const calls = j.calls(runId).map((c) => ({
          call: c.call_id, task: c.task_id, state: c.state, endpoint: c.endpoint, attempts: c.attempts,
          seconds: c.run_seconds, predictedSeconds: c.predicted_seconds, usd: c.usd, joules: c.joules,
          dependsOn: JSON.parse(c.depends_on) as string[], error: c.error ? (JSON.parse(c.error) as { message: string }).message : null,
        }));
        return { run: { id: run.id, workflow: run.workflow, status: run.status, error: run.error, startedAt: new Date(run.started_at).toISOString(), seconds: run.ended_at ? (run.ended_at - run.started_at) / 1000 : null }, calls };
      });
      printResult(opts.json, data, () => {
        const table = new Table({ head: ['call', 'task', 'state', 'endpoint', 'tries', 'seconds', 'USD', 'joules'], style: { head: [], border: [], compact: true } });
        for (const c of data.calls) table.push([c.call, c.task, c.state, c.endpoint ?? '-', c.attempts, fmt(c.seconds), fmt(c.usd, 6), fmt(c.joules)]);
        const failed = data.calls.filter((c) => c.error).map((c) => `  ${c.call} ${c.task}: ${c.error}`);
        return [`run ${data.run.id} (${data.run.workflow}) ${data.run.status}${data.run.seconds !== null ? ` in ${data.run.seconds.toFixed(2)} s` : ''}`, table.toString(), ...(failed.length ? ['errors:', ...failed] : [])].join('\n');
      });
    });
}

function fmt(v: number | null, digits = 3): string {
  return v === null || v === undefined ? '-' : (+v.toPrecision(digits)).toString();
}
