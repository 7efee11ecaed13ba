import Table from 'cli-table3';
import type { Command } from 'commander';
import { UnknownRunError, dataSummary, parseDependsOn, parseStoredError, parseStoredJson } from '../../runtime/index.js';
import { redactSecrets } from '../../secrets/index.js';
import { runIdOrNewest, withJournal } from '../journal-option.js';
import { printResult } from '../output.js';

/** `corral show [RUN_ID]` (default the newest run): every call of a run (task, endpoint, state, attempts, seconds, cost), and every round of a federated run. */
export function registerShow(program: Command): void {
  program.command('show [runId]')
    .description('show the calls of a run (RUN_ID, else the newest): where each ran, how long, what it cost, what failed (and the rounds of a federated run)')
    .option('--journal <file>', 'journal database (default: $CORRAL_JOURNAL or .corral/corral.db)')
    .option('--all', 'after a resume, also the calls of the executions before it')
    .option('--json', 'print one JSON object')
    .action(async (given: string | undefined, opts: { journal?: string; json?: boolean; all?: boolean }) => {
      const data = await withJournal(opts.journal, (j) => {
        const runId = runIdOrNewest(j, given);
        const run = j.getRun(runId);
        if (!run) throw new UnknownRunError(j.path, runId);
        const calls = (opts.all ? j.calls(runId) : j.currentCalls(runId)).map((c) => ({
          call: c.call_id, task: c.task_id, state: c.state, endpoint: c.endpoint, attempts: c.attempts,
          seconds: c.run_seconds, predictedSeconds: c.predicted_seconds, usd: c.usd, joules: c.joules,
          dependsOn: parseDependsOn(c.depends_on), error: parseStoredError(c.error)?.message ?? null,
        }));
        const rounds = j.events(runId).filter((e) => e.type === 'fl:round').flatMap((e) => {
          const r = parseStoredJson<{ round: number; metrics?: Record<string, number>; clientSeconds?: Record<string, number> }>(e.data);
          if (!r) return [];
          return { round: r.round, accuracy: r.metrics?.accuracy ?? null, loss: r.metrics?.loss ?? null, seconds: r.metrics?.roundSeconds ?? null, clients: Object.keys(r.clientSeconds ?? {}).length };
        }).sort((a, b) => a.round - b.round);
        return { run: { id: run.id, workflow: run.workflow, status: run.status, error: run.error && redactSecrets(run.error), resumes: run.resumes, startedAt: new Date(run.started_at).toISOString(), seconds: run.ended_at ? (run.ended_at - run.started_at) / 1000 : null }, calls, rounds, data: dataSummary(j, runId) };
      });
      printResult(opts.json, data, () => {
        const table = new Table({ head: ['call', 'task', 'state', 'endpoint', 'tries', 'seconds', 'USD', 'joules'], style: { head: [], border: [], compact: true } });
        for (const c of data.calls) table.push([c.call, c.task, c.state, c.endpoint ?? '-', c.attempts, fmt(c.seconds), fmt(c.usd, 6), fmt(c.joules)]);
        const failed = data.calls.filter((c) => c.error).map((c) => `  ${c.call} ${c.task}: ${c.error}`);
        const rounds = new Table({ head: ['round', 'accuracy', 'loss', 'seconds', 'clients'], style: { head: [], border: [], compact: true } });
        for (const r of data.rounds) rounds.push([r.round, r.accuracy === null ? '-' : `${(r.accuracy * 100).toFixed(2)}%`, fmt(r.loss, 4), fmt(r.seconds), r.clients]);
        return [
          `run ${data.run.id} (${data.run.workflow}) ${data.run.status}${data.run.seconds !== null ? ` in ${data.run.seconds.toFixed(2)} s` : ''}${data.run.error ? `: ${data.run.error}` : ''}`,
          ...(data.run.resumes > 0 && !opts.all ? [`resumed ${data.run.resumes} time(s): calls of the latest execution (--all for every execution)`] : []),
          ...(data.calls.length || !data.rounds.length ? [table.toString()] : []),
          ...(data.rounds.length ? [`federated rounds (${data.rounds.length}):`, rounds.toString()] : []),
          ...(failed.length ? ['errors:', ...failed] : []),
          ...(data.data.moved.length ? [`data: ${data.data.bytesThroughClient} bytes through the client; ${data.data.moved.length} move(s) between sites`] : []),
        ].join('\n');
      });
    });
}


function fmt(v: number | null, digits = 3): string {
  return v === null || v === undefined ? '-' : (+v.toPrecision(digits)).toString();
}
