import Table from 'cli-table3';
import type { Command } from 'commander';
import { printResult } from '../output.js';
import { budgetFrom, loadSimulationInput } from './simulate.js';

/**
 * `corral plan WORKFLOW --endpoints FILE.yaml --policy NAME [--budget USD] [--deadline S] [--json]`:
 * the predicted plan (task, endpoint, start, seconds, USD, joules); refuses a
 * budget no plan meets, showing the cheapest and fastest plans.
 */
export function registerPlan(program: Command): void {
  program.command('plan <workflow>')
    .description('plan a workflow on the endpoints and show the predicted table; refuses a budget no plan can meet')
    .requiredOption('--endpoints <file>', 'endpoints.yaml (simulated endpoints as they are; other kinds at speed 1 with their cost)')
    .option('--policy <name>', 'placement policy', 'heft')
    .option('--budget <usd>', 'workflow budget in US dollars')
    .option('--deadline <seconds>', 'workflow deadline in seconds')
    .option('--json', 'print one JSON object')
    .action(async (workflow: string, opts: { endpoints: string; policy: string; budget?: string; deadline?: string; json?: boolean }) => {
      const { planWorkflow } = await import('../../placement/index.js');
      const problem = await loadSimulationInput(workflow, opts);
      const budget = budgetFrom(opts);
      const plan = await planWorkflow(problem, { policy: opts.policy, ...(budget ? { budget } : {}) });
      printResult(opts.json, { ...plan, budget: budget ?? null }, () => {
        const table = new Table({ head: ['task', 'endpoint', 'start s', 'seconds', 'USD', 'joules'] });
        for (const t of plan.tasks) table.push([t.task, t.endpoint, n(t.startS), n(t.seconds), n(t.usd), n(t.joules)]);
        return [table.toString(), `plan (${plan.policy}): makespan ${n(plan.makespanS)} s, $${n(plan.usd)}, ${n(plan.joules)} J`, ...plan.notes.map((x) => `note: ${x}`)].join('\n');
      });
    });
}

function n(x: number): string {
  return String(+x.toPrecision(4));
}
