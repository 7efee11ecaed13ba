import type { Command } from 'commander';
import { printResult } from '../output.js';

/** The options `corral simulate` and `corral plan` share. */
interface WorkflowCommandOptions {
  endpoints: string;
  policy: string;
  budget?: string;
  deadline?: string;
  seed?: string;
  json?: boolean;
}

/**
 * Loads a workflow file and an endpoints.yaml (the same file `corral run`
 * reads) into a planning problem (shared by `corral simulate` and `corral plan`).
 */
export async function loadSimulationInput(workflow: string, opts: WorkflowCommandOptions) {
  const { readWorkflowFile } = await import('../../placement/index.js');
  const { loadSimulationEndpoints } = await import('../../runtime/index.js');
  const { endpoints, transfer } = loadSimulationEndpoints(opts.endpoints);
  return { graph: readWorkflowFile(workflow), endpoints, transfer };
}

/** `--budget` / `--deadline` as numbers, with the flag named when bad. */
export function budgetFrom(opts: WorkflowCommandOptions): { usd?: number; deadlineS?: number } | undefined {
  const num = (flag: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const x = Number(v);
    if (!(x >= 0) || !Number.isFinite(x)) throw new Error(`${flag} must be a number >= 0 (got "${v}")`);
    return x;
  };
  const usd = num('--budget', opts.budget);
  const deadlineS = num('--deadline', opts.deadline);
  return usd === undefined && deadlineS === undefined ? undefined : { ...(usd !== undefined ? { usd } : {}), ...(deadlineS !== undefined ? { deadlineS } : {}) };
}

/**
 * `corral simulate WORKFLOW --endpoints FILE.yaml --policy NAME [--budget USD] [--seed S] [--data-blind] [--gantt SVG] [--report HTML] [--json]`:
 * discrete-event simulation of a WfFormat or DAX workflow on simulated endpoints.
 * `--data-blind` is the ablation of data-aware placement: the policy places
 * as if data moved for free, the simulation still charges every transfer.
 */
export function registerSimulate(program: Command): void {
  program.command('simulate <workflow>')
    .description('simulate a workflow (WfCommons WfFormat JSON or Pegasus DAX) on simulated endpoints with a placement policy')
    .requiredOption('--endpoints <file>', 'endpoints.yaml (simulated endpoints as they are; other kinds at speed 1 with their cost)')
    .option('--policy <name>', 'placement policy', 'delta')
    .option('--budget <usd>', 'workflow budget in US dollars')
    .option('--seed <seed>', 'random seed (same seed, same run)', '1')
    .option('--data-blind', 'ablation: the policy places as if data moved for free; the simulation still charges the real transfers')
    .option('--gantt <file.svg>', 'write a Gantt chart of the simulated run')
    .option('--report <file.html>', 'write the run report of the simulated run (Gantt, cost per endpoint and task, expected against simulated)')
    .option('--json', 'print one JSON object')
    .action(async (workflow: string, opts: WorkflowCommandOptions & { gantt?: string; report?: string; dataBlind?: boolean }) => {
      const { simulationGanttSpec } = await import('../../placement/index.js');
      const { simulate } = await import('../../runtime/index.js');
      const problem = await loadSimulationInput(workflow, opts);
      const budget = budgetFrom(opts);
      const r = { ...await simulate(problem, { policy: opts.policy, ...(budget ? { budget } : {}), seed: opts.seed, dataBlind: opts.dataBlind === true }), dataBlind: opts.dataBlind === true };
      if (opts.gantt) {
        const { chartToSvg } = await import('../../report/index.js');
        const { writeFileSync } = await import('node:fs');
        writeFileSync(opts.gantt, await chartToSvg(simulationGanttSpec(r) as unknown as Parameters<typeof chartToSvg>[0]));
        process.stderr.write(`wrote ${opts.gantt}\n`);
      }
      if (opts.report) {
        const { renderReport, simulationReportData } = await import('../../report/index.js');
        const { writeFileSync } = await import('node:fs');
        const { basename } = await import('node:path');
        writeFileSync(opts.report, await renderReport(simulationReportData(problem, r, basename(workflow))));
        process.stderr.write(`wrote ${opts.report}\n`);
      }
      printResult(opts.json, r, () => [
        `SIMULATED run of ${r.tasks} tasks with policy ${r.policy}${r.dataBlind ? ' (data-blind)' : ''} (seed ${r.seed}): makespan ${fmt(r.makespanS)} s, $${fmt(r.costUsd)}, ${fmt(r.joules)} J${r.budgetUsd === null ? '' : ` (budget $${r.budgetUsd})`}`,
        `${r.preemptions} preemption(s)${r.offline.length ? `; offline: ${r.offline.join(', ')}` : ''}${r.plannedMakespanS !== undefined ? `; planned makespan ${fmt(r.plannedMakespanS)} s` : ''}`,
        ...r.notes.map((n) => `note: ${n}`),
      ].join('\n'));
    });
}

function fmt(x: number): string {
  return String(+x.toPrecision(5));
}
