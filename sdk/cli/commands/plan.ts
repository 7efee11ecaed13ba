import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Table from 'cli-table3';
import type { Command } from 'commander';
import { journalPath, withJournal } from '../journal-option.js';
import { printResult } from '../output.js';
import { budgetFrom, loadSimulationInput } from './simulate.js';
import type { PlanTask } from '../../placement/index.js';

/** True when the entry is a script to build rather than a workflow file. */
const SCRIPT = /\.[cm]?[jt]sx?$/;

/**
 * `corral plan WORKFLOW --endpoints FILE.yaml --policy NAME [--budget USD] [--deadline S] [--journal FILE] [--json]`:
 * the predicted plan (task, endpoint, start, seconds, USD, joules); refuses a
 * budget no plan meets, showing the cheapest and fastest plans. WORKFLOW is a
 * `.ts` entry (built first), a manifest, WfFormat JSON or DAX; run times come
 * from the profile store in the journal where tasks ran before.
 *
 * @example
 * ```sh
 * corral plan main.ts --endpoints endpoints.yaml --budget 0.5
 * ```
 */
export function registerPlan(program: Command): void {
  program.command('plan <workflow>')
    .description('plan a workflow (a .ts entry, a manifest, WfFormat or DAX) on the endpoints and show the predicted table; refuses a budget no plan can meet')
    .requiredOption('--endpoints <file>', 'endpoints.yaml (simulated endpoints as they are; other kinds at speed 1 with their cost)')
    .option('--policy <name>', 'placement policy', 'heft')
    .option('--budget <usd>', 'workflow budget in US dollars')
    .option('--deadline <seconds>', 'workflow deadline in seconds')
    .option('--journal <file>', 'journal whose profile store gives measured run times (default: $CORRAL_JOURNAL or .corral/corral.db)')
    .option('--json', 'print one JSON object')
    .action(async (workflow: string, opts: { endpoints: string; policy: string; budget?: string; deadline?: string; journal?: string; json?: boolean }) => {
      const { planWorkflow } = await import('../../runtime/index.js');
      const { plannedMoves } = await import('../../placement/index.js');
      const problem = await loadSimulationInput(SCRIPT.test(workflow) ? await buildEntry(workflow) : workflow, opts);
      const measured = await measuredSeconds(problem.graph.ids(), opts.journal);
      for (const id of problem.graph.ids()) {
        const seconds = measured.get(id);
        if (seconds) Object.assign(problem.graph.node(id) as PlanTask, seconds);
      }
      const budget = budgetFrom(opts);
      const plan = await planWorkflow(problem, { policy: opts.policy, ...(budget ? { budget } : {}) });
      const sources = Object.fromEntries(problem.graph.ids().map((id) => [id, measured.has(id) ? 'profile' : 'prior']));
      const moves = plannedMoves(problem, plan);
      const data = { movedBytes: moves.reduce((s, m) => s + m.bytes, 0), moves };
      printResult(opts.json, { ...plan, budget: budget ?? null, secondsFrom: sources, data }, () => {
        // cli-table3 colours its header and borders: not for pipes, files, or NO_COLOR.
        const plain = Boolean(process.env.NO_COLOR) || !process.stdout.isTTY;
        const table = new Table({ head: ['task', 'endpoint', 'start s', 'seconds', 'USD', 'joules', 'from'], ...(plain ? { style: { head: [], border: [] } } : {}) });
        for (const t of plan.tasks) table.push([t.task, t.endpoint, n(t.startS), n(t.seconds), n(t.usd), n(t.joules), sources[t.task] ?? '']);
        const moved = new Table({ head: ['data from', 'to task', 'from site', 'to site', 'bytes', 'seconds', 'USD'], ...(plain ? { style: { head: [], border: [] } } : {}) });
        for (const m of moves) moved.push([m.from ?? '(input)', m.to, m.fromSite, m.toSite, n(m.bytes), n(m.seconds), n(m.usd)]);
        return [
          table.toString(),
          moves.length ? `data moved between sites (${moves.length} move(s), ${n(data.movedBytes)} bytes):\n${moved.toString()}` : 'data moved between sites: none (every input is used where it lives)',
          `plan (${plan.policy}): makespan ${n(plan.makespanS)} s, $${n(plan.usd)}, ${n(plan.joules)} J`, ...plan.notes.map((x) => `note: ${x}`),
        ].join('\n');
      });
    });
}

/** Builds a script entry (a no-op when nothing changed) and returns its manifest. */
async function buildEntry(file: string): Promise<string> {
  const { ensureBuilt } = await import('../../../codegen/index.js');
  return (await ensureBuilt({ root: process.cwd(), files: [resolve(file)] })).manifestPath;
}

/**
 * Mean measured run seconds of each task, overall and per endpoint, from the
 * profile store; tasks never measured are absent (they keep the prior).
 */
async function measuredSeconds(taskIds: string[], journalOption: string | undefined): Promise<Map<string, Pick<PlanTask, 'baseSeconds' | 'seconds'>>> {
  const out = new Map<string, Pick<PlanTask, 'baseSeconds' | 'seconds'>>();
  if (!existsSync(journalPath(journalOption))) return out;
  const { ProfileStore } = await import('../../profiling/index.js');
  return withJournal(journalOption, (journal) => {
    const store = new ProfileStore(journal.db);
    for (const id of taskIds) {
      const rows = store.summary(id).filter((r) => r.ok > 0 && r.meanRunSeconds !== null);
      if (rows.length === 0) continue;
      const ok = rows.reduce((s, r) => s + r.ok, 0);
      out.set(id, {
        baseSeconds: rows.reduce((s, r) => s + r.meanRunSeconds! * r.ok, 0) / ok,
        seconds: Object.fromEntries(rows.map((r) => [r.endpoint, r.meanRunSeconds!])),
      });
    }
    return out;
  });
}

function n(x: number): string {
  return String(+x.toPrecision(4));
}
