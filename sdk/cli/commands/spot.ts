import type { Command } from 'commander';
import { cheapestSpot, evaluateSpot, forecastSpot, readSpotPrices, spotModelNames, type ModelScore, type ReadSpotOptions } from '../../pricing/index.js';
import { printResult } from '../output.js';

interface DataOptions { data: string; regions?: string; types?: string; json?: boolean }

const list = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

function hours(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`spot: --${name} must be a positive number of hours (got "${value}")`);
  return n;
}

function load(opts: DataOptions) {
  const read: ReadSpotOptions = { ...(list(opts.regions) ? { regions: list(opts.regions) } : {}), ...(list(opts.types) ? { instanceTypes: list(opts.types) } : {}) };
  const data = readSpotPrices(opts.data, read);
  process.stderr.write(`spot: ${data.file}: ${data.format} format, ${data.series.size} series, ${data.droppedMissing} missing-price rows dropped, ${data.unknownHours} unknown hours\n`);
  return data;
}

const f4 = (x: number) => x.toFixed(4);

/**
 * `corral spot evaluate|forecast|choose`: backtest spot cost forecasts against
 * naive, forecast the cost of a window, pick the cheapest (type, zone).
 *
 * @example
 * ```sh
 * corral spot evaluate --data spotlake.csv --horizon 24 --json
 * corral spot forecast --data spotlake.csv --horizon 24 --types c5.large --regions us-east-1
 * corral spot choose --data spotlake.csv --hours 10 --deadline 12 --checkpoint-cost-s 60
 * ```
 */
export function registerSpot(program: Command): void {
  const spot = program.command('spot').description('spot prices: backtest forecasts, forecast a window, choose where to run');
  spot.command('evaluate')
    .description('predicted against realised cost of running HOURS from every window start, for every model and series')
    .requiredOption('--data <file>', 'SpotLake hourly CSV or price-history event CSV')
    .requiredOption('--horizon <hours>', 'hours of running to price')
    .option('--step <hours>', 'hours between window starts', '6')
    .option('--warmup <hours>', 'hours of history before the first window', '168')
    .option('--model <name>', `report only naive and this model (${spotModelNames().join(', ')})`)
    .option('--nested [split]', 'nested evaluation: hold out groups of series (series, the default) or the later half of the period (time)')
    .option('--group <by>', 'with --nested series: group series by type, zone or region', 'type')
    .option('--regions <list>', 'only these regions (comma-separated)')
    .option('--types <list>', 'only these instance types (comma-separated)')
    .option('--json', 'print one JSON object')
    .action((opts: DataOptions & { horizon: string; step: string; warmup: string; model?: string; nested?: string | boolean; group: string }) => {
      const data = load(opts);
      const nested = opts.nested === undefined ? undefined : opts.nested === true ? 'series' : opts.nested;
      const result = evaluateSpot(data, {
        horizon: Number(opts.horizon), step: Number(opts.step), warmup: Number(opts.warmup), ...(opts.model ? { model: opts.model } : {}),
        ...(nested ? { nested: nested as 'series' | 'time', group: opts.group as 'type' | 'zone' | 'region' } : {}),
      });
      const line = (m: ModelScore) => `median ${f4(m.medianApePct)}%  p95 ${f4(m.p95ApePct)}%  mean ${f4(m.meanApePct)}%  under 4%: ${m.shareUnder4Pct.toFixed(2)}%  90% coverage: ${m.coverage90Pct.toFixed(2)}%`;
      printResult(opts.json, result, () => [
        `${result.windows} windows of ${result.horizonHours} h over ${result.series} series; chosen: ${result.chosen}${result.nested ? ` (nested, split by ${result.nested.group ?? result.nested.split})` : ''}`,
        ...result.models.map((m) => `  ${m.name.padEnd(22)} ${line(m)}`),
        ...(result.nested?.folds ?? []).flatMap((f) => [
          `  held out ${f.heldOut} (${f.series} series, ${f.windows} windows; selector mostly ${f.selector.margin >= 1 ? 'never leaving naive' : `margin ${f.selector.margin}, pool weight ${f.selector.poolWeight}, clip ${f.selector.clip ?? 0.1}`})`,
          `    naive ${line(f.naive)}`, `    auto  ${line(f.auto)}`,
        ]),
      ].join('\n'));
    });
  spot.command('forecast')
    .description('forecast cost of running HOURS from the end of the history, per (type, zone), with a 90% interval')
    .requiredOption('--data <file>', 'SpotLake hourly CSV or price-history event CSV')
    .requiredOption('--horizon <hours>', 'hours of running to price')
    .option('--regions <list>', 'only these regions (comma-separated)')
    .option('--types <list>', 'only these instance types (comma-separated)')
    .option('--zone <zone>', 'only this zone')
    .option('--json', 'print one JSON object')
    .action((opts: DataOptions & { horizon: string; zone?: string }) => {
      const data = load(opts);
      const keys = opts.zone ? [...data.series.values()].filter((s) => s.zone === opts.zone).map((s) => s.key) : undefined;
      if (keys && keys.length === 0) throw new Error(`spot forecast: no series in zone "${opts.zone}" in ${data.file}; zones: ${[...new Set([...data.series.values()].map((s) => s.zone))].join(', ')}`);
      const forecasts = forecastSpot(data, { horizonHours: hours('horizon', opts.horizon)!, ...(keys ? { keys } : {}) });
      printResult(opts.json, { horizonHours: forecasts[0]?.horizonHours, forecasts }, () => forecasts.map((f) =>
        `${f.key.padEnd(28)} ${f.model.padEnd(20)} $${f4(f.costUsd.mean)}  90%: [${f4(f.costUsd.p5)}, ${f4(f.costUsd.p95)}]  from ${new Date(f.fromMs).toISOString()}`).join('\n'));
    });
  spot.command('choose')
    .description('cheapest (type, zone) for a job of given length and deadline, including re-execution after interruptions')
    .requiredOption('--data <file>', 'SpotLake hourly CSV or price-history event CSV')
    .requiredOption('--hours <hours>', 'hours of work')
    .option('--deadline <hours>', 'hours from now by which it must be done')
    .option('--checkpoint-cost-s <seconds>', 'seconds one checkpoint takes (omit: restart from scratch)')
    .option('--regions <list>', 'only these regions (comma-separated)')
    .option('--types <list>', 'only these instance types (comma-separated)')
    .option('--top <n>', 'how many to list', '5')
    .option('--json', 'print one JSON object')
    .action((opts: DataOptions & { hours: string; deadline?: string; checkpointCostS?: string; top: string }) => {
      const data = load(opts);
      const ckpt = opts.checkpointCostS === undefined ? undefined : Number(opts.checkpointCostS);
      if (ckpt !== undefined && !(ckpt >= 0)) throw new Error(`spot choose: --checkpoint-cost-s must be seconds >= 0 (got "${opts.checkpointCostS}")`);
      const deadline = hours('deadline', opts.deadline);
      const choices = cheapestSpot(data, {
        hours: hours('hours', opts.hours)!, ...(deadline !== undefined ? { deadlineHours: deadline } : {}),
        ...(ckpt ? { checkpointCostHours: ckpt / 3600 } : {}),
      }).slice(0, Number(opts.top) || 5);
      const rows = choices.map((c) => ({
        key: c.forecast.key, model: c.forecast.model, costUsd: c.costUsd, wallHours: c.run.wallHours, billedHours: c.run.billedHours,
        expectedInterruptions: c.run.expectedInterruptions, meetsDeadline: c.meetsDeadline,
      }));
      printResult(opts.json, { choices: rows }, () => rows.map((r) =>
        `${r.key.padEnd(28)} $${f4(r.costUsd.mean)} [${f4(r.costUsd.p5)}, ${f4(r.costUsd.p95)}]  ${r.wallHours.toFixed(2)} h${r.meetsDeadline ? '' : '  MISSES DEADLINE'}`).join('\n'));
    });
}
