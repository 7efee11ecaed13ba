import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { journalPath } from '../journal-option.js';
import { printResult } from '../output.js';
import {
  evaluateProfile, readProfileCsv, readCandidateCsv, ProfileStore, ProfilePredictor, ProfilingError, planTaskExperiments, planExperiments, DesignSpace,
  type EvaluateResult,
} from '../../profiling/index.js';

interface EvaluateFlags { data: string; response: string; features: string; group?: string; retrain?: string; design?: string; budget?: string; seed?: string; nested?: boolean; json?: boolean }
interface PlanFlags { db?: string; inputs?: string; data?: string; features?: string; id?: string; budget?: string; json?: boolean }
interface ShowFlags { db?: string; json?: boolean }

/**
 * `corral profile evaluate|plan|show`: score the composite model on a CSV,
 * propose the next experiments, show what the profile store knows of a task.
 *
 * @example
 * ```sh
 * corral profile evaluate --data ec2-bench.csv --response ffmpeg_elapsed_s --features vcpus,cpu_mhz --group family --retrain 1 --json
 * corral profile plan Images.thumbnail --budget 3
 * corral profile show Images.thumbnail
 * ```
 */
export function registerProfile(program: Command): void {
  const profile = program.command('profile').description('profiles and predictions: evaluate models, plan experiments, show a task');

  profile.command('evaluate')
    .description('error of the composite model on held-out rows of a CSV, and active against random experiment design')
    .requiredOption('--data <file>', 'CSV with a header')
    .requiredOption('--response <col>', 'the column to predict (seconds, > 0)')
    .requiredOption('--features <cols>', 'comma-separated feature columns (numeric or categorical)')
    .option('--group <col>', 'hold out whole groups (a test row\'s group is never seen in training)')
    .option('--retrain <k>', 'rows of each unseen group the model sees first', '0')
    .option('--design <which>', 'active, random or both')
    .option('--budget <n>', 'largest number of experiments in the design comparison', '14')
    .option('--seed <s>', 'random seed', '1')
    .option('--nested', 'choose each design arm\'s settings by cross-validation inside the training groups only (nested evaluation)')
    .option('--json', 'print one JSON object')
    .action((flags: EvaluateFlags) => {
      const features = splitList(flags.features);
      if (flags.design !== undefined && !['active', 'random', 'both'].includes(flags.design)) {
        throw new ProfilingError('CORRAL_PROFILE_BAD_OPTION', `--design "${flags.design}": expected active, random or both`);
      }
      const table = readProfileCsv(flags.data, { response: flags.response, features, group: flags.group });
      const result = evaluateProfile(table, {
        features, retrain: int('--retrain', flags.retrain), design: flags.design as 'active' | 'random' | 'both' | undefined,
        budget: int('--budget', flags.budget), seed: int('--seed', flags.seed), nested: flags.nested === true,
      });
      printResult(flags.json, result, () => humanEvaluate(result));
    });

  profile.command('plan [task]')
    .description('the next experiments to run: for TASK from the profile store, or from a CSV candidate pool (--data)')
    .option('--db <file>', 'profile store (default $CORRAL_JOURNAL or .corral/corral.db)')
    .option('--inputs <json>', 'task inputs to plan for, a JSON array of feature objects')
    .option('--data <file>', 'CSV of candidate experiments (one per row)')
    .option('--features <cols>', 'with --data: feature columns')
    .option('--id <col>', 'with --data: column naming each candidate')
    .option('--budget <n>', 'experiments to propose', '6')
    .option('--json', 'print one JSON object')
    .action((task: string | undefined, flags: PlanFlags) => {
      const budget = int('--budget', flags.budget ?? '6');
      if (flags.data) {
        if (!flags.features) throw new ProfilingError('CORRAL_PROFILE_BAD_OPTION', '--data needs --features');
        const features = splitList(flags.features);
        const table = readCandidateCsv(flags.data, features, flags.id);
        const { plan, stopAt } = planExperiments(new DesignSpace(table.rows, features), Math.min(budget, table.rows.length));
        const result = { candidates: table.rows.length, stopAt, experiments: plan.map((i) => ({ row: i + 1, id: table.ids[i], features: table.rows[i] })) };
        printResult(flags.json, result, () => [...result.experiments.map((e, k) => `${k + 1}. ${e.id ?? `row ${e.row}`}`), `worth running: the first ${stopAt}`].join('\n'));
        return;
      }
      if (!task) throw new ProfilingError('CORRAL_PROFILE_BAD_OPTION', 'profile plan: name a TASK (from the profile store) or give --data');
      const store = openStore(flags.db);
      const inputs = flags.inputs ? parseInputs(flags.inputs) : undefined;
      const plan = planTaskExperiments(store, task, { budget, inputs });
      const result = { task, ...plan };
      printResult(flags.json, result, () => [`${task}: ${plan.candidates} candidates, ${plan.observed} already run; next:`,
        ...plan.experiments.map((e, k) => `  ${k + 1}. ${e.endpoint} ${JSON.stringify(e.features)}`), `  worth running: the first ${plan.stopAt}`].join('\n'));
    });

  profile.command('show <task>')
    .description('what the profile store knows of a task: runs per endpoint and the fitted model')
    .option('--db <file>', 'profile store (default $CORRAL_JOURNAL or .corral/corral.db)')
    .option('--json', 'print one JSON object')
    .action((task: string, flags: ShowFlags) => {
      const store = openStore(flags.db);
      const summary = store.summary(task);
      if (summary.length === 0) {
        const known = store.tasks().map((t) => t.taskId);
        throw new ProfilingError('CORRAL_PROFILE_TOO_FEW_ROWS', `profile show: no recorded attempts of "${task}"; tasks in the store: ${known.join(', ') || '(none)'}`);
      }
      const predictor = new ProfilePredictor({ store });
      const model = predictor.modelOf(task);
      const result = {
        task, endpoints: summary,
        model: model ? { terms: model.termNames, calibration: model.calibration, withinVar: model.withinVar, betweenVar: model.betweenVar } : null,
      };
      printResult(flags.json, result, () => [
        `${task}`,
        ...summary.map((s) => `  ${s.endpoint}: ${s.ok}/${s.attempts} ok, mean ${fmt(s.meanRunSeconds)} s (min ${fmt(s.minRunSeconds)}, max ${fmt(s.maxRunSeconds)}), queue ${fmt(s.meanQueueSeconds)} s, cold start ${fmt(s.meanColdStartSeconds)} s`),
        model ? `  model: log(seconds) ~ ${model.termNames.join(' + ') || '1'} (spread x${model.calibration.toFixed(2)})` : '  model: not enough runs yet (running means)',
      ].join('\n'));
    });
}

function humanEvaluate(r: EvaluateResult): string {
  const lines = [`${r.rows} rows; held out: mean APE ${r.holdout.mapePct.toFixed(1)}%, median ${r.holdout.medianApePct.toFixed(1)}%, 80% interval coverage ${r.holdout.coverage80Pct.toFixed(1)}%`];
  for (const name of ['active', 'random'] as const) {
    const curve = r.design[name];
    if (curve.length) lines.push(`${name} design${r.design.nested ? ' (nested)' : ''}: ${curve.map((p) => `n=${p.n} ${p.mapePct.toFixed(1)}% [${p.lowPct.toFixed(1)}, ${p.highPct.toFixed(1)}]`).join(', ')}`);
  }
  const c = r.design.comparison;
  if (c) lines.push(`active@${c.activeN} ${c.activeMapePct.toFixed(1)}% vs random@${c.randomN} ${c.randomMapePct.toFixed(1)}%: active no worse in ${(100 * c.shareActiveNoWorse).toFixed(0)}% of bootstrap resamples`);
  return lines.join('\n');
}

function openStore(db?: string): ProfileStore {
  const file = journalPath(db);
  if (!existsSync(file)) throw new ProfilingError('CORRAL_PROFILE_BAD_OPTION', `no profile store at ${file}: run a workflow first, or give --db`);
  return ProfileStore.open(file);
}

function parseInputs(text: string): Record<string, number>[] {
  let v: unknown;
  try { v = JSON.parse(text); } catch (e) {
    throw new ProfilingError('CORRAL_PROFILE_BAD_OPTION', `--inputs: not JSON (${(e as Error).message}); expected e.g. '[{"bytes":1e6}]'`);
  }
  if (!Array.isArray(v) || !v.every((o) => o && typeof o === 'object' && Object.values(o).every((x) => typeof x === 'number' && Number.isFinite(x)))) {
    throw new ProfilingError('CORRAL_PROFILE_BAD_OPTION', `--inputs: expected an array of objects of numbers, got ${text.slice(0, 80)}`);
  }
  return v as Record<string, number>[];
}

function splitList(s: string): string[] {
  return s.split(',').map((x) => x.trim()).filter(Boolean);
}

function int(flag: string, v: string): number;
function int(flag: string, v: string | undefined): number | undefined;
function int(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new ProfilingError('CORRAL_PROFILE_BAD_OPTION', `${flag} "${v}": expected a whole number`);
  return n;
}

function fmt(v: number | null): string {
  return v === null ? '-' : String(+v.toPrecision(3));
}
